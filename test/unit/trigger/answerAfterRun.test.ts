import { answerAfterRun, type RunAnswer } from '../../../nodes/EmploymentHeroTrigger/answerAfterRun';

/** Express keeps its writers on the prototype, which `answerAfterRun` relies on to restore them. */
class FakeResponse {
	written: Array<{ code: number; body: unknown }> = [];
	headers: Record<string, string> = {};
	headersSent = false;
	private code = 200;

	status(code: number) {
		this.code = code;
		return this;
	}

	json(body: unknown) {
		return this.send(body);
	}

	send(body: unknown) {
		// As Node's response: once finished, further writes go nowhere.
		if (this.headersSent) return this;
		this.written.push({ code: this.code, body });
		this.headersSent = true;
		return this;
	}

	end() {
		return this.send(undefined);
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
	}
}

const processed: RunAnswer = { code: 200, body: { status: 'processed', eventId: 'e1', items: 1 } };

function setUp(onEnd: (succeeded: boolean) => Promise<RunAnswer>) {
	const res = new FakeResponse();
	const outcomes: boolean[] = [];
	answerAfterRun(res as never, async (succeeded) => {
		outcomes.push(succeeded);
		return await onEnd(succeeded);
	});
	return { res, outcomes };
}

const flush = async () => await new Promise((resolve) => setImmediate(resolve));

describe('answerAfterRun', () => {
	it('answers with our body once n8n reports a successful run', async () => {
		const { res, outcomes } = setUp(async () => processed);

		res.status(200).json(undefined);
		await flush();

		expect(outcomes).toEqual([true]);
		expect(res.written).toEqual([processed]);
	});

	it.each([
		['json', (res: FakeResponse) => res.status(500).json({ message: 'Error in workflow' })],
		['send', (res: FakeResponse) => res.status(500).send('There was a problem')],
		['end', (res: FakeResponse) => res.status(500).end()],
	])('turns a failed run answered through %s into our 503', async (_how, n8nAnswers) => {
		const { res, outcomes } = setUp(async (succeeded) => ({
			code: succeeded ? 200 : 503,
			body: { status: succeeded ? 'processed' : 'failed' },
		}));

		n8nAnswers(res);
		await flush();

		expect(outcomes).toEqual([false]);
		expect(res.written).toEqual([{ code: 503, body: { status: 'failed' } }]);
		expect(res.headers['retry-after']).toBe('30');
	});

	it('waits for the outcome to be recorded before answering', async () => {
		let record!: () => void;
		const recorded = new Promise<void>((resolve) => (record = resolve));
		const { res } = setUp(async () => {
			await recorded;
			return processed;
		});

		res.status(200).json(undefined);
		await flush();
		expect(res.written).toEqual([]);

		record();
		await flush();
		expect(res.written).toEqual([processed]);
	});

	it('answers 503 when the outcome cannot be recorded', async () => {
		const { res } = setUp(async () => {
			throw new Error('database gone');
		});

		res.status(200).json(undefined);
		await flush();

		expect(res.written).toEqual([
			{
				code: 503,
				body: { status: 'failed', reason: 'the run ended but its outcome could not be recorded' },
			},
		]);
	});

	it('reports the outcome once, however often n8n writes', async () => {
		const { res, outcomes } = setUp(async () => processed);

		res.status(200).json(undefined);
		res.end();
		await flush();

		expect(outcomes).toEqual([true]);
		expect(res.written).toEqual([processed]);
	});
});
