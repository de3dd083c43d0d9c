// Preloaded (node -r) into a server process by tests: on exit, prints how many
// modules of OpenTelemetry's SDK were loaded. They are CommonJS, so an ES import
// of them lands in require.cache too. The API package (a no-op facade) is left
// out: prom-client loads it for exemplars whether or not anything traces.
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((path) => path.includes('node_modules/@opentelemetry/') && !path.includes('node_modules/@opentelemetry/api/')).length
  process.stderr.write(`LOADED @opentelemetry ${loaded}\n`)
})
