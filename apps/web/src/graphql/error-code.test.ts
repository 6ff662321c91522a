import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { errorCode } from './error-code';

describe('errorCode', () => {
  it("reads the API's code from the first GraphQL error", () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('This operation needs the admin role.', { extensions: { code: 'FORBIDDEN' } }),
        new GraphQLError('later', { extensions: { code: 'INTERNAL' } }),
      ],
    });
    expect(errorCode(error)).toBe('FORBIDDEN');
  });

  it('says NETWORK_ERROR when the request never got an answer', () => {
    expect(errorCode(new CombinedError({ networkError: new Error('Failed to fetch') }))).toBe(
      'NETWORK_ERROR',
    );
  });

  it('says INTERNAL for an error without a code', () => {
    expect(errorCode(new CombinedError({ graphQLErrors: [new GraphQLError('boom')] }))).toBe('INTERNAL');
    expect(errorCode({ graphQLErrors: [{ extensions: { code: 42 } }] })).toBe('INTERNAL');
  });
});
