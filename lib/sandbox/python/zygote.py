"""Fork server: `python -I zygote.py` inside one long-lived sandbox; forks one fresh child per program.

The zygote imports the harness (and numpy) once and never runs untrusted code. Each child gets its own
pipes (fd 3 in, fd 4 out, stdout, stderr), its own session, scratch directory, user (when the zygote may
switch users), rlimits, and is not dumpable. The zygote relays the children's bytes to the host without
parsing them, framed as (child id, stream, length). After a child ends, its process group and every
process of its user are killed; anything that outlived it (processes that left the group, files outside
its scratch) marks the zygote `dirty` and the host retires it.

Frames, both ways: struct ">IBI" (child id, kind, payload length) + payload.
host -> zygote: kind 0 control JSON ({"op": "fork"|"kill", ...}), 1 bytes for the child's fd 3, 2 close fd 3.
zygote -> host: kind 0 control JSON ({"op": "ready"|"exit"|"fork_failed", ...}), 3 fd 4, 4 stdout, 5 stderr.
"""
import ctypes
import fcntl
import gc
import json
import os
import random
import resource
import selectors
import shutil
import signal
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _stop_rpc  # noqa: E402
import harness  # noqa: E402
import language_model  # noqa: E402,F401  (imported once here, so children start warm)
import helpers  # noqa: E402,F401

try:
    import numpy  # noqa: F401
    # numpy 2 imports numpy.random on first use (~25 ms of CPU): here once, not in every child that seeds it.
    import numpy.random  # noqa: F401
except Exception:
    numpy = None

HEADER = struct.Struct(">IBI")
CONTROL, CHILD_IN, CHILD_IN_CLOSE = 0, 1, 2
CHILD_MESSAGES, CHILD_STDOUT, CHILD_STDERR = 3, 4, 5
READ_CHUNK = 1 << 20
# Pipes of 1 MiB (default 64 KiB): a relay step moves more bytes per system call.
PIPE_BYTES = 1 << 20
F_SETPIPE_SZ = 1031
DRAIN_SECONDS = 2.0
# Bytes the host sent a child that the child has not read yet; past this the child is killed.
MAX_PENDING_INPUT = 64 * 1024 * 1024
WRITABLE_ROOTS = ("/scratch", "/tmp", "/var/tmp", "/dev/shm", "/dev/mqueue")
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS, PR_SET_CHILD_SUBREAPER = 1, 4, 38, 36

_libc = ctypes.CDLL(None, use_errno=True)


def prctl(option, value):
    if _libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(%d) failed" % option)


class Child:
    def __init__(self, child_id, pid, scratch, uid, fds):
        self.id = child_id
        self.pid = pid
        self.scratch = scratch
        self.uid = uid
        self.input_fd, self.messages_fd, self.stdout_fd, self.stderr_fd = fds
        self.pending = bytearray()
        self.close_input = False
        self.killed_for = None
        self.status = None
        self.cpu_ms = None


class Spare:
    def __init__(self, pid, scratch, pipes, go_w, datasets):
        self.pid = pid
        self.scratch = scratch
        self.pipes = pipes
        self.go_w = go_w
        # The instance sets it inherited (a request for another one needs a fresh fork).
        self.datasets = datasets


class Zygote:
    def __init__(self, scratch_root):
        self.scratch_root = scratch_root
        self.zygote_pid = os.getpid()
        self.spare = None
        self.spare_serial = 0
        self.spare_failed = False
        self.selector = selectors.DefaultSelector()
        self.children = {}
        self.by_pid = {}
        # Instance sets the host shared (key -> per instance, the solution's arguments already decoded and
        # converted): a child inherits them through the fork instead of decoding its calls' arguments.
        self.datasets = {}
        self.inbox = bytearray()
        self.host_in = 3
        self.host_out = 4
        os.set_blocking(self.host_in, False)
        set_pipe_size(self.host_out)
        set_pipe_size(self.host_in)
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_r, False)
        os.set_blocking(self.wake_w, False)
        signal.set_wakeup_fd(self.wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        self.selector.register(self.host_in, selectors.EVENT_READ, ("host", None))
        self.selector.register(self.wake_r, selectors.EVENT_READ, ("wake", None))
        try:
            prctl(PR_SET_CHILD_SUBREAPER, 1)
        except OSError:
            pass
        self.baseline = self.outside_entries()

    # --- host channel ------------------------------------------------------------------------------

    def emit(self, child_id, kind, payload):
        header = HEADER.pack(child_id, kind, len(payload))
        written = os.writev(self.host_out, [header, payload])
        total = len(header) + len(payload)
        if written < total:
            rest = memoryview(header + payload)[written:]
            while rest:
                rest = rest[os.write(self.host_out, rest):]

    def control(self, message):
        self.emit(0, CONTROL, json.dumps(message).encode())

    def read_host(self):
        try:
            data = os.read(self.host_in, 1 << 20)
        except BlockingIOError:
            return True
        if not data:
            return False
        self.inbox += data
        while len(self.inbox) >= HEADER.size:
            child_id, kind, length = HEADER.unpack_from(self.inbox)
            if len(self.inbox) < HEADER.size + length:
                break
            payload = bytes(self.inbox[HEADER.size:HEADER.size + length])
            del self.inbox[:HEADER.size + length]
            self.dispatch(child_id, kind, payload)
        return True

    def dispatch(self, child_id, kind, payload):
        if kind == CONTROL:
            message = json.loads(payload)
            if message["op"] == "fork":
                self.fork(message)
            elif message["op"] == "dataset":
                self.hold_dataset(message)
            elif message["op"] == "drop":
                self.datasets.pop(message["key"], None)
            elif message["op"] == "kill":
                child = self.children.get(message["id"])
                if child is not None:
                    self.kill_child(child, message.get("reason"))
            return
        child = self.children.get(child_id)
        if child is None or child.input_fd is None:
            return
        if kind == CHILD_IN:
            child.pending += payload
            if len(child.pending) > MAX_PENDING_INPUT:
                self.kill_child(child, "input_overflow")
                return
        else:
            child.close_input = True
        self.flush_input(child)

    def flush_input(self, child):
        while child.pending and child.input_fd is not None:
            try:
                written = os.write(child.input_fd, child.pending)
            except BlockingIOError:
                break
            except OSError:
                child.pending.clear()
                break
            del child.pending[:written]
        if child.input_fd is None:
            return
        if child.pending:
            self.want_write(child, True)
        else:
            self.want_write(child, False)
            if child.close_input:
                self.close_input(child)

    def want_write(self, child, wanted):
        key = self.selector.get_map().get(child.input_fd)
        if wanted and key is None:
            self.selector.register(child.input_fd, selectors.EVENT_WRITE, ("input", child))
        elif not wanted and key is not None:
            self.selector.unregister(child.input_fd)

    def close_input(self, child):
        if child.input_fd is None:
            return
        self.want_write(child, False)
        os.close(child.input_fd)
        child.input_fd = None

    def hold_dataset(self, message):
        convert = harness.argument_converter(message.get("argument_types") or [])
        try:
            self.datasets[message["key"]] = [convert(json.loads(line)["args"]) for line in message["calls"].splitlines() if line]
        except Exception:
            # Not held: a child that is asked for it answers each call with sandbox_failure (harness._arguments).
            self.datasets.pop(message["key"], None)
        # Into the permanent generation with the rest: a child's collections never walk (and copy) them.
        gc.collect()
        gc.freeze()

    # --- children ----------------------------------------------------------------------------------

    def fork(self, request):
        """A child for the request: the spare forked ahead of it when it fits, else a fresh fork."""
        spare = self.take_spare(request)
        if spare is not None and self.assign_spare(spare, request):
            return
        child_id = request["id"]
        uid = request.get("uid")
        scratch = os.path.join(self.scratch_root, "c%d" % child_id)
        forked = self.fork_process(scratch, uid)
        if isinstance(forked, OSError):
            self.control({"op": "fork_failed", "id": child_id, "message": str(forked)})
            return
        pid, pipes, go = forked
        if pid == 0:
            become_child(request, scratch, uid, pipes, self.zygote_pid, self.datasets.get(request.get("dataset")))
        self.adopt(child_id, pid, scratch, uid, pipes)

    def fork_process(self, scratch, uid, spare=False):
        """mkdir + pipes + fork; (pid, pipes, go pipe or None), pid 0 in the child; or the OSError."""
        pipes = []
        try:
            os.mkdir(scratch, 0o700)
            if uid is not None:
                os.chown(scratch, uid, uid)
            for _ in range(5 if spare else 4):
                pipes.append(os.pipe())
            for _, write_end in pipes[1:4]:
                set_pipe_size(write_end)
            pid = os.fork()
        except OSError as error:
            for read_end, write_end in pipes:
                os.close(read_end)
                os.close(write_end)
            shutil.rmtree(scratch, ignore_errors=True)
            return error
        return pid, pipes[:4], (pipes[4] if spare else None)

    def adopt(self, child_id, pid, scratch, uid, pipes):
        (in_r, in_w), (msg_r, msg_w), (out_r, out_w), (err_r, err_w) = pipes
        for fd in (in_r, msg_w, out_w, err_w):
            os.close(fd)
        child = Child(child_id, pid, scratch, uid, (in_w, msg_r, out_r, err_r))
        for fd in (in_w, msg_r, out_r, err_r):
            os.set_blocking(fd, False)
        for fd, kind in ((msg_r, CHILD_MESSAGES), (out_r, CHILD_STDOUT), (err_r, CHILD_STDERR)):
            self.selector.register(fd, selectors.EVENT_READ, ("output", (child, kind)))
        self.children[child_id] = child
        self.by_pid[pid] = child

    # --- the spare: one child forked ahead of its request -----------------------------------------

    def prepare_spare(self):
        """Forks the next child before it is asked for (off the request's path). It runs no program
        until a request assigns it; until then it holds nothing of any request."""
        self.spare_serial += 1
        scratch = os.path.join(self.scratch_root, "s%d" % self.spare_serial)
        forked = self.fork_process(scratch, None, spare=True)
        if isinstance(forked, OSError):
            self.spare_failed = True
            return
        pid, pipes, (go_r, go_w) = forked
        if pid == 0:
            os.close(go_w)
            wait_as_spare(scratch, pipes, go_r, self.zygote_pid, self.datasets)
        os.close(go_r)
        self.spare = Spare(pid, scratch, pipes, go_w, set(self.datasets))

    def take_spare(self, request):
        spare, self.spare = self.spare, None
        if spare is None:
            return None
        key = request.get("dataset")
        if key is None or key in spare.datasets:
            return spare
        self.discard_spare(spare)
        return None

    def assign_spare(self, spare, request):
        uid = request.get("uid")
        try:
            if uid is not None:
                os.chown(spare.scratch, uid, uid)
            payload = json.dumps(request).encode()
            while payload:
                payload = payload[os.write(spare.go_w, payload):]
            os.close(spare.go_w)
        except OSError:
            # It died meanwhile: the request gets a fresh fork instead.
            self.discard_spare(spare)
            return False
        self.adopt(request["id"], spare.pid, spare.scratch, uid, spare.pipes)
        return True

    def discard_spare(self, spare):
        """A spare that will not be used (its instance sets are stale): killed, reaped, its directory gone."""
        try:
            os.close(spare.go_w)
        except OSError:
            pass
        if spare.pid is not None:
            try:
                os.kill(spare.pid, signal.SIGKILL)
                os.waitpid(spare.pid, 0)
            except OSError:
                pass
        for read_end, write_end in spare.pipes:
            for fd in (read_end, write_end):
                try:
                    os.close(fd)
                except OSError:
                    pass
        shutil.rmtree(spare.scratch, ignore_errors=True)

    def relay(self, child, kind):
        fd = {CHILD_MESSAGES: child.messages_fd, CHILD_STDOUT: child.stdout_fd, CHILD_STDERR: child.stderr_fd}[kind]
        if fd is None:
            return
        try:
            data = os.read(fd, READ_CHUNK)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            self.emit(child.id, kind, data)
            return
        self.selector.unregister(fd)
        os.close(fd)
        if kind == CHILD_MESSAGES:
            child.messages_fd = None
        elif kind == CHILD_STDOUT:
            child.stdout_fd = None
        else:
            child.stderr_fd = None

    def kill_child(self, child, reason):
        child.killed_for = child.killed_for or reason
        for target in (-child.pid, child.pid):
            try:
                os.kill(target, signal.SIGKILL)
            except OSError:
                pass

    def reap(self):
        while True:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if self.spare is not None and pid == self.spare.pid:
                spare, self.spare = self.spare, None
                spare.pid = None
                self.discard_spare(spare)
            child = self.by_pid.pop(pid, None)
            if child is not None:
                child.status = status
                # The child's CPU time (with the descendants it reaped): the host counts a timed-out program's.
                child.cpu_ms = round((usage.ru_utime + usage.ru_stime) * 1000, 3)
                self.finish(child)

    def finish(self, child):
        self.kill_child(child, None)
        escaped = self.kill_leftovers(child)
        # Whatever the child's group wrote before it died is still in the pipes: relay it (within a bound),
        # then the exit.
        deadline = time.monotonic() + DRAIN_SECONDS
        while True:
            open_fds = {fd: kind for fd, kind in ((child.messages_fd, CHILD_MESSAGES), (child.stdout_fd, CHILD_STDOUT),
                                                  (child.stderr_fd, CHILD_STDERR)) if fd is not None}
            left = deadline - time.monotonic()
            if not open_fds or left <= 0:
                break
            ready, _, _ = selectors.select.select(list(open_fds), [], [], left)
            for fd in ready:
                self.relay(child, open_fds[fd])
        for fd in (child.messages_fd, child.stdout_fd, child.stderr_fd):
            if fd is not None:
                self.selector.unregister(fd)
                os.close(fd)
        child.messages_fd = child.stdout_fd = child.stderr_fd = None
        self.close_input(child)
        shutil.rmtree(child.scratch, ignore_errors=True)
        dirty = escaped or self.changed_outside()
        status = child.status
        self.control({
            "op": "exit",
            "id": child.id,
            "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "killed_for": child.killed_for,
            "dirty": dirty,
            "cpu_ms": child.cpu_ms,
        })
        del self.children[child.id]

    def kill_leftovers(self, child):
        """Processes the child left outside its group (or, sharing our user, any we did not start)."""
        escaped = None
        for _ in range(3):
            found = []
            for entry in os.listdir("/proc"):
                if not entry.isdigit() or int(entry) in (os.getpid(), 1):
                    continue
                pid = int(entry)
                try:
                    owner = os.stat("/proc/%d" % pid).st_uid
                    with open("/proc/%d/stat" % pid, "rb") as handle:
                        fields = handle.read().rsplit(b")", 1)[1].split()
                    state, ppid, group = fields[0], int(fields[1]), int(fields[2])
                except (OSError, ValueError, IndexError):
                    continue
                if pid in self.by_pid or state == b"Z" or (self.spare is not None and pid == self.spare.pid):
                    continue
                if (child.uid is not None and owner == child.uid) or (child.uid is None and ppid == os.getpid()):
                    found.append(pid)
                    if group != child.pid:
                        escaped = "processes outlived the program (left its process group)"
            if not found:
                return escaped
            for pid in found:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            for pid in found:
                # Orphans are ours to reap (we are their subreaper, or PID 1): wait until each is gone.
                try:
                    os.waitpid(pid, 0)
                except ChildProcessError:
                    pass
                except OSError:
                    pass
        return escaped

    def outside_entries(self):
        entries = set()
        for root in WRITABLE_ROOTS:
            try:
                names = os.listdir(root)
            except OSError:
                continue
            for name in names:
                entries.add(os.path.join(root, name))
        return entries

    def changed_outside(self):
        live = {child.scratch for child in self.children.values()}
        if self.spare is not None:
            live.add(self.spare.scratch)
        extra = self.outside_entries() - self.baseline - live
        return ("files outside the scratch directory: %s" % sorted(extra)[:3]) if extra else None

    def run(self):
        self.control({"op": "ready", "pid": os.getpid()})
        while True:
            if self.spare is None and not self.spare_failed:
                self.prepare_spare()
            for key, _ in self.selector.select():
                what, target = key.data
                if what == "host":
                    if not self.read_host():
                        return
                elif what == "wake":
                    try:
                        os.read(self.wake_r, 4096)
                    except BlockingIOError:
                        pass
                    self.reap()
                elif what == "input":
                    self.flush_input(target)
                elif what == "output":
                    child, kind = target
                    self.relay(child, kind)


def set_pipe_size(fd):
    try:
        fcntl.fcntl(fd, F_SETPIPE_SZ, PIPE_BYTES)
    except OSError:
        pass


def prepare_child(scratch, pipes, keep_fd=None):
    """In a forked child, what no request decides: own session, own pipes as fds 0-4 (and `keep_fd`
    as 5), every other fd closed, no new privileges, its scratch directory, fresh random seeds."""
    signal.set_wakeup_fd(-1)
    for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
        signal.signal(number, signal.SIG_DFL)
    os.setsid()
    (in_r, _), (_, msg_w), (_, out_w), (_, err_w) = pipes
    null = os.open("/dev/null", os.O_RDONLY)
    moves = [(null, 0), (out_w, 1), (err_w, 2), (in_r, 3), (msg_w, 4)]
    if keep_fd is not None:
        keep_fd = os.dup(keep_fd)
        moves.append((keep_fd, 5))
    for source, target in moves:
        os.dup2(source, target)
    os.closerange(6 if keep_fd is not None else 5, 1 << 16)
    for fd in range(5):
        os.set_blocking(fd, True)
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    os.chdir(scratch)
    os.environ["HOME"] = scratch
    os.environ["TMPDIR"] = scratch
    random.seed()
    if numpy is not None:
        # From `random` (just seeded from the system): seeding numpy from the system costs ~0.5 ms.
        numpy.random.seed(random.getrandbits(32))


def confine(request, zygote_pid):
    """The request's user and rlimits; then dies with the zygote and is not dumpable."""
    limits = request["limits"]
    uid = request.get("uid")
    if uid is not None:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
        resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))
    cpu = limits["cpu_seconds"]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + limits["cpu_grace_seconds"]))
    resource.setrlimit(resource.RLIMIT_AS, (limits["memory_bytes"], limits["memory_bytes"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_size_bytes"], limits["file_size_bytes"]))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits["open_files"], limits["open_files"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Both after the change of user, which clears the parent-death signal.
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    prctl(PR_SET_DUMPABLE, 0)
    if os.getppid() != zygote_pid:
        os._exit(70)
    # sys.stdout / sys.stderr (stderr line-buffered) now write to the child's own pipes: the zygote
    # never writes to them, so they hold nothing of its own.
    _stop_rpc._MAIN_PID = os.getpid()


def run_program():
    try:
        harness.main()
    finally:
        if _stop_rpc.is_main_process():
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except Exception:
                    pass
        os._exit(0)


def become_child(request, scratch, uid, pipes, zygote_pid, dataset):
    """In the forked child: confine, then run the harness for one program. Never returns."""
    try:
        harness.SHARED_ARGUMENTS = dataset
        prepare_child(scratch, pipes)
        confine(request, zygote_pid)
    except BaseException:
        os._exit(70)
    run_program()


def wait_as_spare(scratch, pipes, go_r, zygote_pid, datasets):
    """A spare child: prepared, it waits (dying with the zygote, not dumpable) for the request on fd 5."""
    try:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        prctl(PR_SET_DUMPABLE, 0)
        if os.getppid() != zygote_pid:
            os._exit(70)
        prepare_child(scratch, pipes, keep_fd=go_r)
        chunks = []
        while True:
            chunk = os.read(5, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(5)
        if not chunks:
            os._exit(0)  # discarded before it was used
        request = json.loads(b"".join(chunks))
        harness.SHARED_ARGUMENTS = datasets.get(request.get("dataset"))
        confine(request, zygote_pid)
    except BaseException:
        os._exit(70)
    run_program()


if __name__ == "__main__":
    scratch_root = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()
    zygote = Zygote(scratch_root)
    # Everything imported so far moves to the permanent generation: a child's collections then skip it,
    # so they do not touch (and copy) the zygote's pages after the fork.
    gc.collect()
    gc.freeze()
    zygote.run()
