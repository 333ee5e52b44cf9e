import { postbackRequestToken } from '../../../lib/postback/http/postback-request-token';

describe('postbackRequestToken', () => {
  const URL_TOKEN = 'v2.url.token';

  it("takes the adapter's parsed query over the URL (Fastify and Express have parsed it already)", () => {
    expect(
      postbackRequestToken({ query: { zxf_token: 'v2.query.token' }, url: `/cb?zxf_token=${URL_TOKEN}` }),
    ).toBe('v2.query.token');
  });

  it('takes the first of a repeated parameter, as the URL reading does', () => {
    expect(postbackRequestToken({ query: { zxf_token: ['first', 'second'] }, url: '/cb' })).toBe('first');
  });

  it.each([
    ['no parsed query', undefined],
    ['an empty query (parser off)', {}],
    ['a nested value', { zxf_token: { a: 'b' } }],
    ['an array of objects', { zxf_token: [{ a: 'b' }] }],
    ['a query that is not an object', 'zxf_token=x'],
  ])('reads the URL when the adapter holds %s', (_case, query) => {
    expect(postbackRequestToken({ query, url: `/cb?zxf_token=${URL_TOKEN}` })).toBe(URL_TOKEN);
    expect(
      postbackRequestToken({ query, originalUrl: `/cb?zxf_token=${URL_TOKEN}`, url: '/rewritten' }),
    ).toBe(URL_TOKEN);
  });

  it('is undefined when neither the query nor the URL carries one', () => {
    expect(postbackRequestToken({ query: {}, url: '/cb?x=1' })).toBeUndefined();
    expect(postbackRequestToken({})).toBeUndefined();
  });
});
