import { existsSync, readFileSync } from 'fs';

/** The last lines of a log file, for error messages that must explain themselves. */
export function logTail(path: string, lines = 60): string {
	if (!existsSync(path)) return `(no log at ${path})`;
	const tail = readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	return `--- last ${lines} lines of ${path} ---\n${tail}`;
}
