import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/**
 * A full garbage collection, so heap deltas measure what is still referenced. Enabled at run time
 * rather than with `--expose-gc`, because tsx owns the node command line the bench runs under.
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Heap bytes in use after a full collection. */
export function settledHeap(): number {
	collect();
	collect();
	return process.memoryUsage().heapUsed;
}
