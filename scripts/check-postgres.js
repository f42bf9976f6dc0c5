// Exits 0 when the Postgres named by the PG* environment variables answers a query.
const { Client } = require('pg');

const client = new Client({ connectionTimeoutMillis: 5000 });
client
	.connect()
	.then(() => client.query('select 1'))
	.then(() => client.end())
	.then(() => process.exit(0))
	.catch((error) => {
		process.stderr.write(`Postgres check failed: ${error.message}\n`);
		process.exit(1);
	});
