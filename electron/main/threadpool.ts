/**
 * libuv runs every asynchronous file operation on a thread pool of 4 by default, sized when it is first used. A
 * backup or a restore keeps it full of fsyncs that wait for the disk, and the desk's own reads and writes queue behind
 * them. Measured on a full backup of 100k cases on a 2-core machine: 125 s with 4 threads, 109 s with 8 (threads
 * waiting for the disk use no CPU). Imported first by every entry point, before anything touches the file system;
 * an administrator's own setting is kept.
 */
process.env.UV_THREADPOOL_SIZE ??= '8';

export {};
