import { localPostgres, startN8n, webhookCredential, type N8nInstance } from '../test/e2e/harness';
import { postgresCredential, testSchema } from '../test/e2e/postgresSchema';
import { TEST_SECRET } from '../test/helpers/sign';
import { describeRun, measureCell, summarise, type CellRun, type CellSummary } from './cells';
import { isolatesAcquired } from './isolates';
import { processesOf } from './n8nCpu';
import { startPgWireCounter } from './pgWireCounter';
import { countRoundTrips } from './roundTrips';
import { checkVariants, type Behaviour } from './variantChecks';
import {
	handBuiltChain,
	ourTrigger,
	plainWebhook,
	type Variant,
	type VariantName,
} from './workflows';

export interface LoadSettings {
	rounds: number;
	durationMs: number;
	/** Each variant is loaded this long at the highest connection count before the rounds. */
	warmupMs: number;
	connections: number[];
	/** Deliveries made per cell; a bound on requests, sized well above what n8n can take. */
	maxRequestsPerCell: number;
	/** Sequential deliveries through the round-trip counter. */
	countedDeliveries: number;
	/** n8n settings beyond its defaults, the same for every variant (e.g. an expression engine). */
	env?: Record<string, string>;
}

export interface VersionResult {
	version: string;
	cells: CellSummary[];
	/** Postgres round trips per accepted delivery, counted on the wire inside this n8n. */
	postgresRoundTrips: number;
	behaviour: Record<VariantName, Behaviour>;
	/** Ids in the trigger's static data by the end (every delivery it acknowledged). */
	staticIds: number;
	startSeconds: number;
}

/**
 * One pinned n8n with all four variants active side by side (same process, same settings), a
 * Postgres schema of the bench's own (dropped afterwards), and a fifth workflow whose Postgres
 * credential goes through the round-trip counter. Cells are interleaved: each round runs every
 * variant at every connection count, in an order that rotates from round to round; ratios pair
 * each cell with the plain Webhook of the same round.
 */
export async function benchN8nVersion(
	version: string,
	settings: LoadSettings,
	log: (line: string) => void,
): Promise<VersionResult> {
	const schema = testSchema('eh_bench');
	await schema.create();
	const counter = await startPgWireCounter(localPostgres);
	let n8n: N8nInstance | undefined;
	try {
		const tableName = `${schema.name}.events`;
		const variants = [
			plainWebhook(),
			handBuiltChain(),
			ourTrigger('ehBenchTriggerStatic', { credentialId: 'ehBenchSecret' }),
			ourTrigger('ehBenchTriggerPostgres', {
				credentialId: 'ehBenchSecret',
				postgres: { credentialId: 'ehBenchPg', tableName },
			}),
		];
		const counted = ourTrigger('ehBenchTriggerCounted', {
			credentialId: 'ehBenchSecret',
			postgres: { credentialId: 'ehBenchPgCounted', tableName },
		});

		const started = Date.now();
		n8n = await startN8n({
			version,
			credentials: [
				webhookCredential({ id: 'ehBenchSecret', secret: TEST_SECRET }),
				postgresCredential('ehBenchPg', { maxConnections: 20 }),
				postgresCredential('ehBenchPgCounted', { maxConnections: 20, port: counter.port }),
			],
			workflows: [...variants, counted].map((variant) => variant.workflow),
			// n8n's default level; the harness's debug logging would weigh on every request.
			env: { N8N_LOG_LEVEL: 'info', ...settings.env },
			readyTimeoutMs: 180_000,
		});
		const startSeconds = (Date.now() - started) / 1000;
		log(`n8n ${version} ready in ${startSeconds.toFixed(0)} s`);

		const behaviour = await checkVariants(n8n, variants);
		const baseUrl = n8n.baseUrl;
		const pids = processesOf(n8n.userFolder);
		const countsIsolates = settings.env?.N8N_METRICS === 'true';
		const cell = async (variant: Variant, connections: number, durationMs: number) =>
			await measureCell(`${baseUrl}/webhook/${variant.path}`, variant, {
				pids,
				connections,
				durationMs,
				maxRequests: settings.maxRequestsPerCell,
				isolates: countsIsolates ? async () => await isolatesAcquired(baseUrl) : undefined,
			});

		// The checks left one id in the trigger's static data.
		let staticIds = 1;
		for (const variant of variants) {
			const warm = await cell(variant, Math.max(...settings.connections), settings.warmupMs);
			if (variant.name === 'triggerStatic') staticIds += warm.acknowledged;
		}

		const runs = new Map<string, CellRun[]>();
		for (let round = 0; round < settings.rounds; round++) {
			for (const connections of settings.connections) {
				const order = variants.map((_, i) => variants[(i + round) % variants.length]);
				for (const variant of order) {
					const run = await cell(variant, connections, settings.durationMs);
					const key = `${variant.name}:${connections}`;
					runs.set(key, [...(runs.get(key) ?? []), run]);
					if (variant.name === 'triggerStatic') staticIds += run.acknowledged;
					const where = `n8n ${version} round ${round + 1} ${variant.name} c=${connections}`;
					log(`  ${where}: ${describeRun(run)}`);
				}
			}
		}

		const postgresRoundTrips = await countRoundTrips(
			`${baseUrl}/webhook/${counted.path}`,
			counted,
			counter,
			settings.countedDeliveries,
		);
		const cells = settings.connections.flatMap((connections) => {
			const baseline = runs.get(`webhook:${connections}`) ?? [];
			return variants.map((variant) =>
				summarise(variant, connections, runs.get(`${variant.name}:${connections}`) ?? [], baseline),
			);
		});
		return { version, cells, postgresRoundTrips, behaviour, staticIds, startSeconds };
	} finally {
		await n8n?.close();
		await counter.stop();
		await schema.drop();
	}
}
