/**
 * A real small filesystem for disk-full tests: a size-limited tmpfs mounted on a temp folder (the test
 * machines run as root). No mount, no test: it fails, saying why, rather than skip.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, statfsSync } from "node:fs";

export function mountSmallDisk(dir: string, megabytes: number): () => void {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir], { stdio: "pipe" });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim();
    throw new Error(
      `the disk-full test must mount a ${megabytes} MB tmpfs on ${dir} and could not (${stderr}); run it as root, or in a container with CAP_SYS_ADMIN`,
    );
  }
  return () => execFileSync("umount", [dir], { stdio: "pipe" });
}

export function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}
