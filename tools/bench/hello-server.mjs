// The baseline of the catalogue benchmark: a bare Fastify server answering a small JSON "hello".
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 3999);
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port, host: '127.0.0.1' });
