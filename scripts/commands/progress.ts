/** Terminal progress on stderr (never stdout, which may carry JSON), only on a TTY. */
export function progressReporter(label: string): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done !== total && now - last < 100) return;
    last = now;
    process.stderr.write(`\r${label}: ${done}/${total} files${done === total ? '\n' : ''}`);
  };
}
