import { accessSync, constants } from 'node:fs';

const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin'];

/** Absolute path of a system tool (bwrap, unshare, prlimit, setpriv), looked up in system directories only. */
export function findTool(name: string): string | undefined {
  for (const dir of SYSTEM_DIRS) {
    // A system path, not a project file: built without path.join and marked, so that the build's file
    // tracer does not trace the whole project.
    const candidate = `${dir}/${name}`;
    try {
      accessSync(/* turbopackIgnore: true */ candidate, constants.X_OK);
      return candidate;
    } catch {
      // next directory
    }
  }
  return undefined;
}

/** Root can hand every sandbox its own unprivileged user, which is what makes RLIMIT_NPROC bite. */
export function hostIsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
