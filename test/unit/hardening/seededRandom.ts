/**
 * A small deterministic generator (mulberry32) so that every generated case can be reproduced from
 * its seed. Each named stream gets its own sequence, so a category can be rerun on its own.
 */
export interface SeededRandom {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	pick<T>(values: readonly T[]): T;
	bytes(length: number): Buffer;
	/** A string of `length` characters drawn from `alphabet` (code points, not code units). */
	text(length: number, alphabet: string): string;
}

export function seededRandom(seed: number, stream: string): SeededRandom {
	let state = (seed ^ hash(stream)) >>> 0;

	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
	const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)];

	return {
		next,
		int,
		pick,
		bytes: (length) => Buffer.from(Array.from({ length }, () => int(0, 255))),
		text: (length, alphabet) => {
			const chars = [...alphabet];
			return Array.from({ length }, () => pick(chars)).join('');
		},
	};
}

/** FNV-1a of the stream name, to derive one sequence per category from one seed. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (const char of text) {
		h ^= char.codePointAt(0) ?? 0;
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}
