// The HTTP client of `bench:stats`, in a process of its own: a real client does not share the
// server's event loop, heap and garbage collector, and on two cores it runs beside the server.
// It times each GraphQL call from the request to the last byte of the answer (as load tools such
// as autocannon do); the answer is then parsed, outside the timing, and must carry no errors. The
// parse time is reported on its own, so the client's share stays visible.
//
// Protocol (IPC): { url, token, query, n } → { times: number[], parse: number[], bytes: number } or { error }.

interface Job {
  url: string;
  token: string;
  query: string;
  n: number;
}

async function run(job: Job) {
  const body = JSON.stringify({ query: job.query });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${job.token}` };
  const times: number[] = [];
  const parse: number[] = [];
  let bytes = 0;
  for (let i = 0; i < job.n; i++) {
    const t = performance.now();
    const res = await fetch(job.url, { method: 'POST', headers, body });
    const text = await res.text();
    times.push(performance.now() - t);
    const p = performance.now();
    const answer = JSON.parse(text) as { errors?: unknown[] };
    parse.push(performance.now() - p);
    if (res.status !== 200 || answer.errors) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
    bytes = Buffer.byteLength(text);
  }
  return { times, parse, bytes };
}

process.on('message', (job: Job) => {
  run(job).then(
    (result) => process.send?.(result),
    (err: Error) => process.send?.({ error: err.message }),
  );
});
process.on('disconnect', () => process.exit(0));
