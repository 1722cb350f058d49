const MiB = 1024 * 1024;

/** Resource limits of every sandboxed process (per process unless stated). */
export const SANDBOX_LIMITS = {
  /** Address space (RLIMIT_AS): numpy and a working set fit; a 10 GB allocation does not. */
  memoryBytes: 2048 * MiB,
  /**
   * Default CPU time of an improver process (RLIMIT_CPU; a run may set its own). Its LM and utility calls
   * run on the host, so an improver's own CPU is prompt building and bookkeeping: 2 minutes is generous,
   * and an improver stuck in `while True: pass` is stopped (`timeout`) after that long instead of 10.
   * Solutions get a budget from their instance count.
   */
  improverCpuSeconds: 120,
  judgeCpuSeconds: 120,
  /** Hard CPU limit minus soft: the time a process has to die of SIGXCPU before SIGKILL. */
  cpuGraceSeconds: 5,
  /** Extra CPU seconds a solution process gets on top of count × per-instance timeout. */
  solutionCpuSlackSeconds: 10,
  /** Processes and threads of one sandbox (RLIMIT_NPROC, counted per sandbox user). */
  maxProcesses: 64,
  /** Largest file the program may write (RLIMIT_FSIZE). */
  fileSizeBytes: 64 * MiB,
  openFiles: 256,
  /** stdout + stderr bytes captured; past this the process is killed (output_limit). */
  outputBytes: 4 * MiB,
  /** How much of stderr an outcome keeps. */
  stderrTailBytes: 8 * 1024,
  /** Largest single protocol message (a solution, an LM answer, a judge's instance list). */
  messageBytes: 32 * MiB,
  /** Default wall clock of one improver invocation, LM and utility calls included (a run may set its own). */
  improverTimeoutMs: 30 * 60_000,
  /** Wall clock for a solution to load (module-level code) before its first instance. */
  solutionLoadTimeoutMs: 10_000,
  /** Wall clock of one judge step (start, generate, or one score). */
  judgeTimeoutMs: 60_000,
  /**
   * After this many instances in a row exceed their time limit, the rest are not run and score the
   * failure value: a solution that slow would only burn count × timeout seconds to score the same.
   */
  maxConsecutiveTimeouts: 3,
  /** How long the host waits for pipes to drain once a process group is dead. */
  drainMs: 2_000,
  // Bounds on what one sandbox can make the host hold (issue 11).
  /** Deepest nesting of arrays/objects in a protocol message; deeper ends the sandbox (protocol). */
  messageDepth: 100,
  /** Bytes of messages received but not yet taken by the host; past this the sandbox is killed (output_limit). */
  unreadMessageBytes: 64 * MiB,
  /** Bytes the host has written that the sandbox has not read yet; past this it is killed (protocol). */
  unsentInputBytes: 64 * MiB,
  /** Size of the scratch tmpfs (/scratch, also HOME and TMPDIR) of a bubblewrap sandbox (the private /tmp at `unshare`). */
  scratchBytes: 256 * MiB,
  /** Size of each other private tmpfs of an `unshare` sandbox (/var/tmp, /dev/shm: the latter is RAM). */
  privateTmpBytes: 64 * MiB,
  /** Characters of any text field of a sandbox message the host keeps (event details, method names). */
  fieldChars: 500,
  /** Events (circumvention records) one improver invocation can cause; later ones are only counted. */
  maxEvents: 200,
} as const;
