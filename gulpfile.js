const path = require('path');
const { task, src, dest } = require('gulp');

// tsc emits only JavaScript; n8n also needs each node's and credential's icon beside it in dist/.
task('build:icons', () => {
	const sources = path.resolve('{nodes,credentials}', '**', '*.{png,svg}');
	return src(sources, { encoding: false }).pipe(dest(path.resolve('dist')));
});
