// Preloaded (`node -r`) into a process a benchmark measures: prints its peak RSS on stderr when it exits.
process.on('exit', () => process.stderr.write(`MAXRSS_MB ${(process.resourceUsage().maxRSS / 1024).toFixed(1)}\n`));
