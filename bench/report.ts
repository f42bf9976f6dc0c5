import { fixed, kib, mib, table, times, verdict } from './format';
import type { Goal } from './goals';
import type { Machine } from './machine';
import type { LoadSettings, VersionResult } from './n8nLoad';
import type { PostgresClaimResult } from './postgresClaim';
import type { StaticDataResult } from './staticData';
import type { VerifyResult } from './verify';

/** One n8n run with a setting changed, to show where the time goes. */
export interface ExplainRun {
	setting: string;
	result: VersionResult;
}

export interface BenchReport {
	machine: Machine;
	/** The Node that runs n8n (installed by scripts/install-n8n.sh), e.g. `v24.11.1`. */
	n8nNode: string;
	settings: LoadSettings;
	deliveryBytes: number;
	verify: VerifyResult[];
	handlerCpuUs: number;
	staticData: StaticDataResult[];
	postgresClaim: PostgresClaimResult;
	versions: VersionResult[];
	explain: ExplainRun[];
	goals: Goal[];
	durationSeconds: number;
	uptimeAtEnd: string;
	/** Sections skipped, and why (e.g. the time budget). */
	skipped: string[];
}

function machineSection(report: BenchReport): string {
	const { machine } = report;
	return [
		`Run on ${machine.date} in ${fixed(report.durationSeconds / 60, 1)} minutes.`,
		'',
		table(
			['', ''],
			[
				['CPUs (nproc)', String(machine.nproc)],
				['CPU model', machine.cpu],
				['Memory', `${machine.memoryGiB} GiB`],
				['Node (bench, micro-benchmarks)', machine.node],
				['Node (n8n)', report.n8nNode],
				['n8n versions', report.versions.map((v) => v.version).join(', ') || '–'],
				['uptime at start', machine.uptime],
				['uptime at end', report.uptimeAtEnd],
			],
		),
		'',
		'Absolute figures depend on the machine and on whatever else ran on it (see the load',
		'averages); the ratios pair measurements taken side by side and are what the goals are judged',
		'on.',
	].join('\n');
}

function goalsSection(goals: Goal[]): string {
	return table(
		['Goal', 'Measured', ''],
		goals.map((goal) => [goal.goal, goal.measured, verdict(goal.met)]),
	);
}

function verifySection(results: VerifyResult[]): string {
	return [
		table(
			['Body', 'ours (µs)', 'bare (µs)', 'ratio', 'goal'],
			results.map((r) => [
				r.label,
				fixed(r.oursNs / 1000, 2),
				fixed(r.bareNs / 1000, 2),
				fixed(r.ratio, 3),
				r.goal === undefined ? '–' : `<= ${r.goal} (${verdict(r.ratio <= r.goal)})`,
			]),
		),
		'',
		'CPU time per call (process.cpuUsage, so other load on the machine does not count), medians of',
		'alternating batches; the ratio is the median of per-round ratios. "Bare" decodes the hex',
		'header, HMACs the body and compares with timingSafeEqual; ours also trims, strips `sha256=`',
		'and checks the header is 64 hex digits.',
	].join('\n');
}

function versionSection(result: VersionResult, settings: LoadSettings): string {
	const rows = result.cells.map((c) => [
		c.label,
		String(c.connections),
		fixed(c.p50Ms),
		fixed(c.p99Ms),
		fixed(c.throughput),
		fixed(c.cpuMsPerDelivery),
		times(c.p50Ratio),
		times(c.p99Ratio),
		times(c.throughputRatio),
		times(c.cpuRatio),
		Object.entries(c.others)
			.map(([k, n]) => `${n}x ${k}`)
			.join(', ') || '–',
	]);
	const behaviour = Object.entries(result.behaviour).map(([variant, b]) => [
		variant,
		String(b.forged),
		b.repeat.replace(/\|/g, '/') || '(empty)',
	]);
	return [
		table(
			[
				'Variant',
				'conns',
				'p50 ms',
				'p99 ms',
				'acks/s',
				'n8n CPU ms/delivery',
				'p50 vs Webhook',
				'p99 vs Webhook',
				'acks/s vs Webhook',
				'CPU vs Webhook',
				'not acknowledged',
			],
			rows,
		),
		'',
		`Medians of ${settings.rounds} interleaved rounds of ${fixed(settings.durationMs / 1000, 0)} s`,
		'per cell; ratios are medians of per-round ratios to the plain Webhook of the same round.',
		`n8n started in ${fixed(result.startSeconds, 0)} s; the static-data trigger remembered`,
		`${result.staticIds} ids by the end. Postgres round trips per accepted delivery, counted on`,
		`the wire inside this n8n: ${fixed(result.postgresRoundTrips, 2)}.`,
		'',
		'What each variant answered to a forged signature and to a repeated delivery:',
		'',
		table(['Variant', 'forged', 'repeat'], behaviour),
	].join('\n');
}

function explainSection(runs: ExplainRun[]): string {
	if (runs.length === 0) return 'Not run.';
	return runs
		.map(({ setting, result }) => {
			const counted = result.cells.some((c) => !Number.isNaN(c.isolatesPerDelivery));
			const rows = result.cells.map((c) => [
				c.label,
				String(c.connections),
				fixed(c.p50Ms),
				fixed(c.throughput),
				fixed(c.cpuMsPerDelivery),
				...(counted ? [fixed(c.isolatesPerDelivery, 2)] : []),
				times(c.p50Ratio),
				times(c.throughputRatio),
				times(c.cpuRatio),
			]);
			const header = [
				'Variant',
				'conns',
				'p50 ms',
				'acks/s',
				'n8n CPU ms/delivery',
				...(counted ? ['isolates/delivery'] : []),
				'p50 vs Webhook',
				'acks/s vs Webhook',
				'CPU vs Webhook',
			];
			return [
				`n8n ${result.version} with \`${setting}\` (one round):`,
				'',
				table(header, rows),
			].join('\n');
		})
		.join('\n\n');
}

function staticDataSection(results: StaticDataResult[]): string {
	return [
		table(
			[
				'ids',
				'JSON n8n stores',
				'heap (static data)',
				'heap (process map)',
				'duplicate lookup (µs)',
				'claim of a new id (ms)',
				'n8n parse + stringify (ms)',
			],
			results.map((r) => [
				r.ids.toLocaleString('en'),
				kib(r.jsonBytes),
				mib(r.staticHeapBytes),
				mib(r.processMapHeapBytes),
				fixed(r.duplicateMs * 1000, 2),
				fixed(r.claimMs, 2),
				fixed(r.n8nLoadSaveMs, 2),
			]),
		),
		'',
		'StaticDataStore driven as n8n drives it: static data parsed from JSON, a fresh store per',
		'delivery, the process-wide map warm; ids are UUIDs, all younger than the default 7-day',
		'retention. Times are CPU medians. The last column is what n8n itself does with the same data',
		'on every delivery: it loads the workflow row (parsing static data) and saves static data',
		'whenever the trigger changed it.',
	].join('\n');
}

function postgresSection(result: PostgresClaimResult): string {
	return [
		table(
			[
				'round trips / new delivery',
				'round trips / repeat',
				'connections opened',
				'claims',
				'p50 ms',
				'p99 ms',
				'client CPU p50 ms',
			],
			[
				[
					fixed(result.roundTripsPerClaim, 2),
					fixed(result.roundTripsPerDuplicate, 2),
					String(result.connectionsOpened),
					String(result.claims),
					fixed(result.p50Ms, 2),
					fixed(result.p99Ms, 2),
					fixed(result.cpuP50Ms, 3),
				],
			],
		),
		'',
		'PostgresStore.claim on loopback through the shared pool, one claim after another, in a schema',
		"of the bench's own. Round trips are ReadyForQuery messages seen by pg's connection. The first",
		'claim (which creates the table and starts the hourly purge) is not counted.',
	].join('\n');
}

/** The whole run as Markdown, for the terminal and for docs/benchmarks.md. */
export function renderReport(report: BenchReport): string {
	const sections = [
		'# Benchmarks',
		'',
		'Written by `npm run bench`; do not edit by hand.',
		'',
		machineSection(report),
		'',
		'## Goals',
		'',
		goalsSection(report.goals),
		'',
		'## Verification alone',
		'',
		verifySection(report.verify),
		'',
		...report.versions.flatMap((result) => [
			`## Real n8n ${result.version}: acknowledgements on loopback`,
			'',
			versionSection(result, report.settings),
			'',
		]),
		'Every request is a distinct Payroll work item with one notification',
		`(${report.deliveryBytes} bytes), validly signed, made before the clock starts. All four`,
		'workflows run side by side in one n8n with default settings (log level info) and end in a No',
		'Operation node. The chain answers from Respond to Webhook once Remove Duplicates has kept',
		'the item; the Webhook node answers on receipt; the trigger answers itself. n8n CPU is what',
		'the n8n processes used from the start of a cell until they were idle again, executions',
		'included, per acknowledged delivery: unlike the wall-clock figures it barely moves with',
		'other load on the machine.',
		'',
		'## Where the time goes',
		'',
		`Our handler alone (stub n8n context, empty static data): ${fixed(report.handlerCpuUs, 1)} µs`,
		'of CPU per accepted delivery.',
		'',
		'Both pinned n8n versions evaluate expressions in V8 isolates by default',
		'(`N8N_EXPRESSION_ENGINE=vm`, a pool of one): each acquisition takes the warm isolate and',
		'builds a new one to replace it. n8n 2.x skips the isolate in the webhook phase only when the',
		"start node is its own Webhook node (`webhookPhaseNeedsIsolate` in n8n's `live-webhooks.js`;",
		'1.x takes one there for every node); every `getCredentials` from a webhook takes one',
		'(`applyDefaultsAndOverwrites` in `credentials-helper.js`); the execution takes one. For a',
		'start node of type version 1, n8n also evaluates `$parameter["options"]["binaryData"]` in',
		"`parseRequestBody`. The first run below counts the isolates (`N8N_METRICS=true` exposes n8n's",
		'`expression.pool.acquired`); the second uses the legacy engine, which builds none. Each',
		'changes only that setting, the same for every variant.',
		'',
		explainSection(report.explain),
		'',
		'## Postgres claim',
		'',
		postgresSection(report.postgresClaim),
		'',
		'## Static-data dedupe',
		'',
		staticDataSection(report.staticData),
		'',
		...(report.skipped.length > 0
			? ['## Skipped', '', ...report.skipped.map((s) => `- ${s}`), '']
			: []),
	];
	return sections.join('\n');
}
