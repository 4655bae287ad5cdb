/**
 * The `(2: No such file or directory)` part of nginx's error-log lines: the errno number and
 * glibc's text for it. Node reports the error by code; libuv's own texts differ from glibc's.
 */

const GLIBC_TEXT: Readonly<Record<string, readonly [number, string]>> = {
  EPERM: [1, "Operation not permitted"],
  ENOENT: [2, "No such file or directory"],
  EIO: [5, "Input/output error"],
  ENXIO: [6, "No such device or address"],
  EBADF: [9, "Bad file descriptor"],
  EAGAIN: [11, "Resource temporarily unavailable"],
  ENOMEM: [12, "Cannot allocate memory"],
  EACCES: [13, "Permission denied"],
  EFAULT: [14, "Bad address"],
  EBUSY: [16, "Device or resource busy"],
  ENODEV: [19, "No such device"],
  ENOTDIR: [20, "Not a directory"],
  EISDIR: [21, "Is a directory"],
  EINVAL: [22, "Invalid argument"],
  ENFILE: [23, "Too many open files in system"],
  EMFILE: [24, "Too many open files"],
  EFBIG: [27, "File too large"],
  EMLINK: [31, "Too many links"],
  ENAMETOOLONG: [36, "File name too long"],
  ELOOP: [40, "Too many levels of symbolic links"],
  EOVERFLOW: [75, "Value too large for defined data type"],
  ESTALE: [116, "Stale file handle"],
};

/** The error code of a failed fs call (`ENOENT`, …), or `""` when it has none. */
export function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : "";
}

/** `2: No such file or directory`. */
export function errnoText(err: unknown): string {
  const code = errorCode(err);
  const known = GLIBC_TEXT[code];
  if (known !== undefined) return `${known[0]}: ${known[1]}`;
  const errno = (err as NodeJS.ErrnoException | null)?.errno;
  return `${typeof errno === "number" ? Math.abs(errno) : 0}: ${code !== "" ? code : String((err as Error)?.message ?? err)}`;
}
