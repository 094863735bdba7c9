/**
 * The OAuth callback as a browser sees it: Atlassian sends the user's browser to the callback, so a browser (one
 * that asks for `text/html`) gets a small page saying what happened instead of JSON. Nothing in it runs: a strict
 * Content-Security-Policy allows no script, and every value shown is escaped.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Whether the caller is a browser navigating (it asks for HTML), rather than an API client. */
export function wantsHtml(request: FastifyRequest): boolean {
  return /\btext\/html\b/i.test(request.headers.accept ?? '');
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Sends the page: `ok` for a connection made, otherwise what went wrong and what to do. */
export function sendCallbackPage(reply: FastifyReply, status: number, page: { ok: boolean; heading: string; message: string }): FastifyReply {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.heading)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}h1{font-size:1.4rem;color:${page.ok ? '#1a7f37' : '#cf222e'}}</style>
</head><body><h1>${escapeHtml(page.heading)}</h1><p>${escapeHtml(page.message)}</p></body></html>
`;
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(html);
}
