// Latency of the companion plugin's deliveries on the bench site `companion`: subscribes a loopback
// receiver, publishes N posts one after another, and reports the time from each save's answer to
// the delivery's arrival (median and worst), then unsubscribes. `npm run bench` reports it too.
//   scripts/node22.sh scripts/companion-latency.js [N]
const http = require('node:http');
const bench = require('../test/wordpress/sites.json');

const API = `${bench.sites.companion.url}/wp-json`;
const admin = bench.users.administrator;
const auth = `Basic ${Buffer.from(`${admin.username}:${admin.app_password}`).toString('base64')}`;

async function call(method, route, body) {
  const res = await fetch(`${API}${route}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return res.json();
}

/** Milliseconds from each of `n` saves' answers to its delivery, sorted (Infinity: none in 30 s). */
async function deliveryLatencies(n) {
  const arrived = new Map();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      arrived.set(JSON.parse(body).object_id, Date.now());
      res.writeHead(200).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const target = `http://127.0.0.1:${server.address().port}/hook`;
  const hook = await call('POST', '/wpjz/v1/hooks', { event: 'post.published', target_url: target });
  const latencies = [];
  try {
    for (let i = 0; i < n; i++) {
      const post = await call('POST', '/wp/v2/posts', { title: `latency ${Date.now()} ${i}`, status: 'publish' });
      const saved = Date.now();
      const end = saved + 30000;
      while (!arrived.has(post.id) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      latencies.push(arrived.has(post.id) ? arrived.get(post.id) - saved : Infinity);
      await call('DELETE', `/wp/v2/posts/${post.id}?force=true`);
    }
  } finally {
    await call('DELETE', `/wpjz/v1/hooks/${hook.id}`);
    server.close();
  }
  return latencies.sort((a, b) => a - b);
}

module.exports = { deliveryLatencies };

if (require.main === module) {
  const n = Number(process.argv[2] ?? 10);
  deliveryLatencies(n)
    .then((latencies) =>
      console.log(
        `delivery after the save's answer: median ${latencies[Math.floor(n / 2)]} ms, worst ${latencies[n - 1]} ms (n=${n})`,
      ),
    )
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
