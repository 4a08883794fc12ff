// Reads `npm audit --omit=dev --json` on stdin. Exit 0: no high or critical advisory, or no answer
// from the registry (offline, or a mirror without the audit endpoint: the check is skipped with a
// line, so CI does not fail for the network). Exit 1: a high or critical advisory in a production
// dependency; low and moderate ones are printed and left to the next dependency update.
let input = '';
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', () => {
  let report;
  try {
    report = JSON.parse(input);
  } catch {
    console.log('npm audit skipped: no answer from the registry');
    return;
  }
  const counts = report.metadata && report.metadata.vulnerabilities;
  if (report.error || !counts) {
    const why = (report.error && report.error.summary) || report.message || 'no report';
    console.log(`npm audit skipped: the registry did not answer the audit request (${why})`);
    return;
  }
  console.log(`npm audit --omit=dev: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low`);
  for (const [name, v] of Object.entries(report.vulnerabilities || {})) console.log(`  ${v.severity}: ${name} ${v.range || ''}`);
  if (counts.critical + counts.high > 0) process.exitCode = 1;
});
