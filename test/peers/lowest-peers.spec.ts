import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain ES module script without typings, compiled for Jest by Babel like Nest's own ESM
import { lowestMatrix, lowestOf } from '../../scripts/lowest-peers.mjs';

const lowest = lowestOf as (range: string) => string;
const matrix = lowestMatrix as (pkg: object) => Record<string, string>;

/** What `npm run test:peers` installs: the bottom of each range, never a guess. */
describe('lowest peer versions', () => {
  it('takes the lowest of caret alternatives, in any order', () => {
    expect(lowest('^11.0.0 || ^12.0.0')).toBe('11.0.0');
    expect(lowest('^12.0.0 || ^11.2.0')).toBe('11.2.0');
    expect(lowest('^0.1.13 || ^0.2.0')).toBe('0.1.13');
    expect(lowest('^1.7.0')).toBe('1.7.0');
  });

  it('refuses a range whose bottom it cannot state exactly', () => {
    expect(() => lowest('>=1.0.0')).toThrow(/unsupported peer range ">=1.0.0"/);
    expect(() => lowest('^1.x')).toThrow(/unsupported/);
  });

  it('covers every peer of package.json and installs the Nest line together', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      peerDependencies: Record<string, string>;
    };
    const versions = matrix(pkg);
    for (const [name, range] of Object.entries(pkg.peerDependencies)) {
      expect(versions[name]).toBe(lowest(range));
    }
    // Optional peers are proved at their bottom too: the Redis store runs its suites on the lowest ioredis.
    expect(versions.ioredis).toBe(lowest(pkg.peerDependencies.ioredis));
    expect(versions['@nestjs/testing']).toBe(versions['@nestjs/core']);
    expect(versions['@nestjs/platform-express']).toBe(versions['@nestjs/core']);
  });

  it('pairs Nest 11.0.0 with the first platform-fastify whose peers accept it', () => {
    const pkg = {
      peerDependencies: { '@nestjs/common': '^11.0.0', '@nestjs/core': '^11.0.0' },
      devDependencies: { '@nestjs/platform-fastify': '^12.0.0', '@nestjs/testing': '^12.0.0' },
    };
    expect(matrix(pkg)).toEqual({
      '@nestjs/common': '11.0.0',
      '@nestjs/core': '11.0.0',
      '@nestjs/platform-fastify': '11.0.3',
      '@nestjs/testing': '11.0.0',
    });
    pkg.peerDependencies = { '@nestjs/common': '^11.1.0', '@nestjs/core': '^11.1.0' };
    expect(matrix(pkg)['@nestjs/platform-fastify']).toBe('11.1.0');
  });
});
