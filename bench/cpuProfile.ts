import { readFileSync } from 'fs';

/** The parts of V8's `.cpuprofile` JSON that the summary reads. */
interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	/** Microseconds on the monotonic clock, the one `process.hrtime` reads. */
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** A span of the monotonic clock, in microseconds, as `process.hrtime.bigint() / 1000n` gives. */
export interface ClockWindow {
	fromUs: number;
	toUs: number;
}

export interface ProfileSummary {
	totalMs: number;
	/** Self time by where the code lives: a package under node_modules, ours, node, or V8. */
	byOwner: Array<{ owner: string; ms: number }>;
	/** Self time by function, heaviest first. */
	bySelf: Array<{ fn: string; ms: number }>;
	/** Time spent in (and below) each function, heaviest first; recursion is counted once. */
	byTotal: Array<{ fn: string; ms: number }>;
	/** Every function's time in and below it, for looking up particular ones. */
	allTotals: Map<string, number>;
}

const OUR_PACKAGE = 'n8n-nodes-employment-hero';

/** Who owns a frame: `n8n-core`, `@n8n/db`, `ours`, `node`, or `(v8)` for engine frames. */
function ownerOf(url: string): string {
	if (url === '') return '(v8)';
	// The innermost node_modules decides (n8n's own install path may contain anything).
	const inModules = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
	if (inModules) return inModules[1] === OUR_PACKAGE ? 'ours' : inModules[1];
	return url.startsWith('node:') ? 'node' : url;
}

function describe(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	const file = url.split('/').slice(-1)[0] || '(native)';
	return `${functionName || '(anonymous)'} ${ownerOf(url)}/${file}:${lineNumber + 1}`;
}

/**
 * Self and inclusive times of a V8 CPU profile, grouped for reading. Only samples inside
 * `window` count (the load, not n8n's startup), and time the thread spent idle is left out.
 */
export function summariseProfile(path: string, window: ClockWindow, top = 25): ProfileSummary {
	const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfUs = new Map<number, number>();
	let at = profile.startTime;
	profile.samples.forEach((id, i) => {
		const delta = profile.timeDeltas[i] ?? 0;
		at += delta;
		if (at < window.fromUs || at > window.toUs) return;
		if (byId.get(id)?.callFrame.functionName === '(idle)') return;
		selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
	});

	const owner = new Map<string, number>();
	const self = new Map<string, number>();
	for (const [id, us] of selfUs) {
		const node = byId.get(id);
		if (!node) continue;
		const who = ownerOf(node.callFrame.url);
		owner.set(who, (owner.get(who) ?? 0) + us);
		self.set(describe(node), (self.get(describe(node)) ?? 0) + us);
	}

	// Inclusive time: walk from the root, charging each function once per path (not per frame).
	const total = new Map<string, number>();
	const root = profile.nodes[0];
	const walk = (node: ProfileNode, onPath: Set<string>): number => {
		let us = selfUs.get(node.id) ?? 0;
		const name = describe(node);
		const first = !onPath.has(name);
		if (first) onPath.add(name);
		for (const child of node.children ?? []) {
			const next = byId.get(child);
			if (next) us += walk(next, onPath);
		}
		if (first) {
			onPath.delete(name);
			total.set(name, (total.get(name) ?? 0) + us);
		}
		return us;
	};
	const totalUs = walk(root, new Set());

	const sorted = (map: Map<string, number>, key: 'owner' | 'fn') =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([name, us]) => ({ [key]: name, ms: us / 1000 }));
	return {
		totalMs: totalUs / 1000,
		byOwner: sorted(owner, 'owner') as ProfileSummary['byOwner'],
		bySelf: sorted(self, 'fn') as ProfileSummary['bySelf'],
		byTotal: sorted(total, 'fn') as ProfileSummary['byTotal'],
		allTotals: new Map([...total].map(([name, us]) => [name, us / 1000])),
	};
}
