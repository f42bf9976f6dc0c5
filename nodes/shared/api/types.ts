/** The parts of an HTTP answer the transport looks at (n8n's `returnFullResponse` shape). */
export interface HttpResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}
