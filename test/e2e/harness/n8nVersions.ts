import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * The pinned n8n versions and their Node major, read from `scripts/n8n-versions.sh` so that the
 * installer and the tests cannot disagree. The file is a sourced shell fragment; only its two
 * plain assignments are understood: `N8N_VERSIONS=(a b ...)` and `NODE_MAJOR=n`.
 */
const versionsFile = join(__dirname, '..', '..', '..', 'scripts', 'n8n-versions.sh');

function readPins(): { versions: string[]; nodeMajor: number } {
	const text = readFileSync(versionsFile, 'utf8');
	const versions = /^N8N_VERSIONS=\(([^)]*)\)/m.exec(text)?.[1].trim().split(/\s+/);
	const nodeMajor = Number(/^NODE_MAJOR=(\d+)\s*$/m.exec(text)?.[1]);
	if (!versions?.length || !versions.every((v) => /^\d+\.\d+\.\d+$/.test(v)) || !nodeMajor) {
		throw new Error(`Cannot read N8N_VERSIONS and NODE_MAJOR from ${versionsFile}.`);
	}
	return { versions, nodeMajor };
}

const pins = readPins();

/** Every n8n version the package is tested against, oldest first as listed. */
export const N8N_VERSIONS: readonly string[] = pins.versions;

/** The Node major that `scripts/install-n8n.sh` installs to run n8n. */
export const NODE_MAJOR: number = pins.nodeMajor;
