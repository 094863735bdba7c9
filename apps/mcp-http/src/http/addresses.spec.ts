import { defaultHostRules, defaultOrigins, hostAllowed, isLoopback, normalizeOrigin, normalizeSiteUrl, parseHostRule } from './addresses';

describe('host rules', () => {
  it('match a Host header by name (case-insensitive) and by port when the rule has one', () => {
    const rules = [parseHostRule('mcp.example.com'), parseHostRule('localhost:3000')].filter((r) => r !== undefined);
    expect(hostAllowed('MCP.Example.com', rules)).toBe(true);
    expect(hostAllowed('mcp.example.com:8443', rules)).toBe(true);
    expect(hostAllowed('localhost:3000', rules)).toBe(true);
    expect(hostAllowed('localhost:3001', rules)).toBe(false);
    expect(hostAllowed('localhost', rules)).toBe(false);
    expect(hostAllowed('evil.example', rules)).toBe(false);
    expect(hostAllowed('mcp.example.com.evil.example', rules)).toBe(false);
    expect(hostAllowed(undefined, rules)).toBe(false);
    expect(hostAllowed('mcp.example.com/x', rules)).toBe(false);
  });

  it('refuse what is not a host', () => {
    for (const bad of ['', 'a b', 'http://x', 'x/y', 'user@x', 'x?y', '*.example.com']) expect(parseHostRule(bad)).toBeUndefined();
    expect(parseHostRule('[::1]:3000')).toEqual({ hostname: '[::1]', port: '3000' });
  });

  it('default to the listening address plus the loopback names on loopback or every interface', () => {
    expect(defaultHostRules('127.0.0.1', 3000).map((r) => `${r.hostname}:${r.port}`)).toEqual(['127.0.0.1:3000', 'localhost:3000', '[::1]:3000']);
    expect(defaultHostRules('0.0.0.0', 80).map((r) => r.hostname)).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(defaultHostRules('10.0.0.5', 3000).map((r) => `${r.hostname}:${r.port}`)).toEqual(['10.0.0.5:3000']);
    expect(defaultOrigins('::1', 8080)).toEqual(['http://[::1]:8080', 'http://localhost:8080', 'http://127.0.0.1:8080']);
  });
});

describe('normalisation', () => {
  it('writes an origin one way and refuses anything with a path, credentials or another scheme', () => {
    expect(normalizeOrigin('HTTPS://App.Example.com:443/')).toBe('https://app.example.com');
    expect(normalizeOrigin('http://localhost:5173')).toBe('http://localhost:5173');
    for (const bad of ['null', '*', 'https://a.example/path', 'https://u:p@a.example', 'ftp://a.example', 'https://*.example.com']) expect(normalizeOrigin(bad)).toBeUndefined();
  });

  it('writes a site URL one way, keeping the path', () => {
    expect(normalizeSiteUrl('https://X.atlassian.net:443/wiki//')).toBe('https://x.atlassian.net/wiki');
    expect(normalizeSiteUrl('http://wiki.corp:8090')).toBe('http://wiki.corp:8090');
    expect(normalizeSiteUrl('https://wiki.corp/Confluence')).toBe('https://wiki.corp/Confluence');
    for (const bad of ['wiki.corp', 'https://wiki.corp/?x=1', 'https://wiki.corp/#x', 'file:///etc/passwd']) expect(normalizeSiteUrl(bad)).toBeUndefined();
  });

  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'LOCALHOST']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'localhost.example.com', '128.0.0.1']) expect(isLoopback(host)).toBe(false);
  });
});
