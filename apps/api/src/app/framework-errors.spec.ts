import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '@nss/contracts';
import { frameworkErrors } from './framework-errors';

function replyRecorder() {
  const sent: { status?: number; body?: string } = {};
  const reply = {
    code(status: number) {
      sent.status = status;
      return reply;
    },
    header() {
      return reply;
    },
    send(body: string) {
      sent.body = body;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

describe('frameworkErrors', () => {
  const request = { url: '/api/products/%E0%A4%A' } as FastifyRequest;

  it('answers an over-long path parameter with a bilingual 414', () => {
    const { reply, sent } = replyRecorder();
    frameworkErrors({ code: 'FST_ERR_MAX_PARAM_LENGTH' } as FastifyError, request, reply);
    expect(sent.status).toBe(414);
    expect(JSON.parse(sent.body as string) as ApiError).toMatchObject({ statusCode: 414, code: 'URI_TOO_LONG', message: expect.any(String), messageEn: expect.any(String) });
  });

  it('answers any other routing error with a bilingual 400 that does not echo the URL', () => {
    const { reply, sent } = replyRecorder();
    frameworkErrors({ code: 'FST_ERR_BAD_URL' } as FastifyError, request, reply);
    expect(sent.status).toBe(400);
    expect(JSON.parse(sent.body as string)).toMatchObject({ statusCode: 400, code: 'BAD_URL' });
    expect(sent.body).not.toContain('%E0');
  });
});
