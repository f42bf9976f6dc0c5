/**
 * Where n8n spends its CPU on one variant's webhook path: starts a pinned n8n with `--cpu-prof`,
 * sends a bounded load of distinct signed deliveries, stops n8n (which writes the profile) and
 * prints self and inclusive times for the load's span only. Not part of `npm run bench`:
 *
 *   npx tsx bench/profile.ts --version 1.123.81 --variant triggerStatic [--seconds 10]
 *     [--connections 4] [--focus 'getCredentials|saveStaticData']
 *
 * `--focus` lists the time in and below every function whose name matches the pattern; `--env
 * NAME=value` (repeatable) changes an n8n setting, e.g. N8N_EXPRESSION_ENGINE=legacy.
 * Variants: webhook, chain, triggerStatic, triggerPostgres. The profile stays in the printed
 * directory for Chrome DevTools or speedscope; delete it when done.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { startN8n, webhookCredential, type N8nInstance } from '../test/e2e/harness';
import { postgresCredential, testSchema } from '../test/e2e/postgresSchema';
import { TEST_SECRET } from '../test/helpers/sign';
import { summariseProfile } from './cpuProfile';
import { signedDeliveries } from './deliveries';
import { runLoad } from './load';
import { cpuSeconds, processesOf, waitUntilIdle } from './n8nCpu';
import { handBuiltChain, ourTrigger, plainWebhook, type Variant } from './workflows';

const MAX_SECONDS = 60;
const WARMUP_MS = 3_000;

function argument(name: string, fallback: string): string {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

/** Every `--env NAME=value` given. */
function envArguments(): Record<string, string> {
	const env: Record<string, string> = {};
	process.argv.forEach((arg, i) => {
		const pair = arg === '--env' ? process.argv[i + 1] : undefined;
		const at = pair?.indexOf('=') ?? -1;
		if (pair && at > 0) env[pair.slice(0, at)] = pair.slice(at + 1);
	});
	return env;
}

function variantNamed(name: string, tableName: string): Variant {
	switch (name) {
		case 'webhook':
			return plainWebhook();
		case 'chain':
			return handBuiltChain();
		case 'triggerStatic':
			return ourTrigger('ehProfileTrigger', { credentialId: 'ehBenchSecret' });
		case 'triggerPostgres':
			return ourTrigger('ehProfileTrigger', {
				credentialId: 'ehBenchSecret',
				postgres: { credentialId: 'ehBenchPg', tableName },
			});
		default:
			throw new Error(
				`Unknown variant "${name}": webhook, chain, triggerStatic or triggerPostgres.`,
			);
	}
}

/** The profile written by the `n8n start` process (the CLI imports before it write their own). */
function startProfile(dir: string, pid: number): string {
	const file = readdirSync(dir).find(
		(name) => name.includes(`.${pid}.`) && name.endsWith('.cpuprofile'),
	);
	if (!file) throw new Error(`n8n (pid ${pid}) wrote no profile into ${dir}.`);
	return join(dir, file);
}

function isStartProcess(pid: number): boolean {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').includes('start');
	} catch {
		return false;
	}
}

async function main(): Promise<void> {
	const version = argument('version', '1.123.81');
	const seconds = Math.min(MAX_SECONDS, Number(argument('seconds', '10')));
	const connections = Number(argument('connections', '4'));
	const schema = testSchema('eh_bench_profile');
	const variant = variantNamed(argument('variant', 'triggerStatic'), `${schema.name}.events`);
	const dir = mkdtempSync(join(tmpdir(), 'eh-bench-profile-'));

	await schema.create();
	let n8n: N8nInstance | undefined;
	try {
		n8n = await startN8n({
			version,
			credentials: [
				webhookCredential({ id: 'ehBenchSecret', secret: TEST_SECRET }),
				postgresCredential('ehBenchPg', { maxConnections: 20 }),
			],
			workflows: [variant.workflow],
			env: {
				N8N_LOG_LEVEL: 'info',
				...envArguments(),
				NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}`,
			},
			readyTimeoutMs: 180_000,
		});
		const pids = processesOf(n8n.userFolder);
		const main = pids.find(isStartProcess);
		if (main === undefined) throw new Error('Cannot find the n8n start process.');

		// Lazily loaded modules and first compilations are n8n's startup, not its per-request cost.
		await runLoad({
			url: `${n8n.baseUrl}/webhook/${variant.path}`,
			connections,
			durationMs: WARMUP_MS,
			deliveries: signedDeliveries(10_000),
			acknowledged: variant.acknowledged,
		});
		await waitUntilIdle(pids, 20_000);
		const cpuBefore = cpuSeconds(pids);
		const fromUs = Number(process.hrtime.bigint() / 1000n);
		const result = await runLoad({
			url: `${n8n.baseUrl}/webhook/${variant.path}`,
			connections,
			durationMs: seconds * 1000,
			deliveries: signedDeliveries(50_000),
			acknowledged: variant.acknowledged,
		});
		await waitUntilIdle(pids, 20_000);
		const toUs = Number(process.hrtime.bigint() / 1000n);
		const cpuMs = (cpuSeconds(pids) - cpuBefore) * 1000;
		await n8n.stop();

		const summary = summariseProfile(startProfile(dir, main), { fromUs, toUs });
		// V8 samples on a wall-clock timer, so on a busy machine a sample can span time the
		// thread was not running. Shares of the samples are sound; they are scaled to the CPU
		// time the kernel counted to give milliseconds.
		const scale = cpuMs / summary.totalMs;
		const per = (ms: number) => ((ms * scale) / Math.max(1, result.acknowledged)).toFixed(2);
		console.log(
			`${variant.label}, n8n ${version}: ${result.acknowledged} acknowledged in ` +
				`${(result.elapsedMs / 1000).toFixed(1)} s; n8n CPU ${per(summary.totalMs)} ms per ` +
				`delivery (samples spanned ${(summary.totalMs / cpuMs).toFixed(2)}x the CPU time).`,
		);
		console.log('\nSelf time by owner (ms per delivery):');
		for (const { owner, ms } of summary.byOwner) console.log(`  ${per(ms).padStart(8)}  ${owner}`);
		console.log('\nSelf time by function (ms per delivery):');
		for (const { fn, ms } of summary.bySelf) console.log(`  ${per(ms).padStart(8)}  ${fn}`);
		console.log('\nTime in and below a function (ms per delivery):');
		for (const { fn, ms } of summary.byTotal) console.log(`  ${per(ms).padStart(8)}  ${fn}`);
		const focus = argument('focus', '');
		if (focus !== '') {
			console.log(`\nTime in and below functions matching /${focus}/ (ms per delivery):`);
			const pattern = new RegExp(focus);
			const matching = [...summary.allTotals].filter(([fn]) => pattern.test(fn.split(' ')[0]));
			for (const [fn, ms] of matching.sort((a, b) => b[1] - a[1])) {
				console.log(`  ${per(ms).padStart(8)}  ${fn}`);
			}
		}
		console.log(`\nProfiles: ${dir}`);
	} finally {
		await n8n?.close();
		await schema.drop();
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(error);
		process.exit(1);
	},
);
