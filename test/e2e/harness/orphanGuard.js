// Preloaded into every n8n the harness starts (`node --require`). Jest runs tests in workers that
// can end without running exit handlers (or be killed), which would leave n8n and its task runner
// behind. When the process that started n8n goes away, n8n is reparented; this notices that and
// kills n8n's whole process group, which the harness made n8n the leader of.
'use strict';

const harnessPid = Number(process.env.EH_HARNESS_PID);
if (harnessPid > 0) {
	setInterval(() => {
		if (process.ppid !== harnessPid) process.kill(-process.pid, 'SIGKILL');
	}, 500).unref();
}
