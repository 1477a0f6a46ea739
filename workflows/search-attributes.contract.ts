/**
 * Typed keys for the custom search attributes named in temporal.config.ts, shared by workflows
 * (which set them), the server (which filters by them) and the test servers (which register them).
 */
import { defineSearchAttributeKey } from '@temporalio/common';
import { SEARCH_ATTRIBUTES, type SearchAttributeName } from '../temporal.config';

type SearchAttributeKeyOf<Name extends SearchAttributeName> = ReturnType<
  typeof defineSearchAttributeKey<(typeof SEARCH_ATTRIBUTES)[Name]>
>;
type Keys = { [Name in SearchAttributeName]: SearchAttributeKeyOf<Name> };

export const searchAttributeKeys = Object.fromEntries(
  Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => [name, defineSearchAttributeKey(name, type)]),
) as Keys;

/** Every key, for registering them all on a server. */
export const allSearchAttributeKeys = Object.values(searchAttributeKeys);
