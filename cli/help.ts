import { DEFAULT_BUSINESS_ID, DEFAULT_HEADER, DEFAULT_SAMPLE, SECRET_ENV } from './args';

export const HELP = `Test an Employment Hero Trigger without Employment Hero: sign a body and send it.

Usage:
  n8n-nodes-employment-hero send --url <url> --secret <secret> [--file <path> | --sample <EventType>]
                                 [--header <name>] [--business-id <id>] [--timeout <seconds>]
  n8n-nodes-employment-hero sign --secret <secret> [--file <path>] [--header <name>]
  n8n-nodes-employment-hero sample [<EventType>] [--business-id <id>]
  n8n-nodes-employment-hero --help

Commands:
  send     Signs the body and POSTs it to the trigger's URL, then prints n8n's answer
           (status line, then body). The body is a JSON file (--file) or a built-in Payroll
           sample (--sample, default ${DEFAULT_SAMPLE}) with a new delivery id each time.
  sign     Prints the signature header line for a body read from --file, or from standard
           input. Every byte counts, a final newline too.
  sample   Prints the sample body of an event type; without one, lists the event types.

Options:
  --url          The trigger's Production URL (or its Test URL while the editor listens).
  --secret       The signing secret. Instead, set ${SECRET_ENV} to keep it out of
                 your shell history.
  --header       Signature header name (default ${DEFAULT_HEADER}); match the trigger's option.
  --business-id  BusinessId written into samples (default ${DEFAULT_BUSINESS_ID}).
  --timeout      Seconds to wait for the answer (default 30).

Exit codes: 0 answered 2xx, 1 answered otherwise, 2 wrong usage or unreadable body,
3 no answer (connection refused, unknown host, timeout).

Examples:
  export ${SECRET_ENV}=$(openssl rand -hex 32)   # the same secret as in n8n
  npx n8n-nodes-employment-hero send --url https://n8n.example.com/webhook/abc/webhook --sample LeaveRequestApproved
  npx n8n-nodes-employment-hero sample PayRunFinalised > payrun.json
  npx n8n-nodes-employment-hero sign --file payrun.json
`;
