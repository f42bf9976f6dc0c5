/** Number formatting for the report; NaN (a missing figure) prints as a dash. */

export function fixed(value: number, digits = 1): string {
	return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function times(value: number): string {
	return Number.isFinite(value) ? `${value.toFixed(2)}x` : '–';
}

export function kib(bytes: number): string {
	return `${fixed(bytes / 1024, 0)} KiB`;
}

export function mib(bytes: number): string {
	return `${fixed(bytes / 2 ** 20, 2)} MiB`;
}

/** A Markdown table; cells must not contain `|`. */
export function table(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function verdict(met: boolean | undefined): string {
	return met === undefined ? 'n/a' : met ? 'met' : 'missed';
}
