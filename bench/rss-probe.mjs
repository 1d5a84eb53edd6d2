// Preloaded into each `veta` process the benchmarks start (node --import): at exit, the
// process's peak resident memory (getrusage's ru_maxrss) as the last line on stderr.
process.on('exit', () => {
  process.stderr.write(`\n[peak-rss-kib] ${process.resourceUsage().maxRSS}\n`);
});
