import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ERROR_CODE_DESCRIPTIONS, ErrorCode, ErrorReason } from '../errors';

/**
 * The error contract in the schema: the codes and reasons of api/src/errors.ts and the extension
 * keys an error may carry. No field returns ErrorExtensions; it is there (an orphaned type) so that
 * clients read `extensions` typed by codegen instead of comparing undocumented strings.
 */
registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: '`extensions.code` of every error the api answers with.',
  valuesConfig: Object.fromEntries(Object.entries(ERROR_CODE_DESCRIPTIONS).map(([k, description]) => [k, { description }])),
});

registerEnumType(ErrorReason, {
  name: 'ErrorReason',
  description: '`extensions.reason`: the finer cause of a BAD_USER_INPUT, CONFLICT, FORBIDDEN, UNAUTHENTICATED or TOO_MANY_REQUESTS, where a client says more than the code does.',
});

@ObjectType({ description: 'One invalid field of a validated input (`extensions.fields` of BAD_USER_INPUT).' })
export class FieldErrorExtension {
  @Field({ description: 'The path of the field in the input, e.g. `input.parties.0.phone`.' })
  field!: string;

  @Field(() => [String])
  messages!: string[];
}

@ObjectType({ description: 'An agreement term neither performed nor waived (`extensions.openTerms` of CONFLICT on closing a matter).' })
export class OpenTermExtension {
  @Field()
  id!: string;

  @Field()
  description!: string;

  @Field(() => String, { nullable: true, description: 'Decimal amount in yuan.' })
  amount!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601.' })
  dueAt!: string | null;
}

@ObjectType({
  description:
    'What `errors[].extensions` holds (documentation only: no field returns it). `code` is always there; the other keys only with the codes their descriptions name.',
})
export class ErrorExtensions {
  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field(() => ErrorReason, { nullable: true })
  reason!: ErrorReason | null;

  @Field(() => String, { nullable: true, description: 'BAD_USER_INPUT: the input field at fault.' })
  field!: string | null;

  @Field(() => [FieldErrorExtension], { nullable: true, description: 'BAD_USER_INPUT of a validated input: every invalid field.' })
  fields!: FieldErrorExtension[] | null;

  @Field(() => String, { nullable: true, description: 'NOT_FOUND: the id asked for.' })
  id!: string | null;

  @Field(() => Int, { nullable: true, description: 'TOO_MANY_REQUESTS: seconds until a retry may succeed.' })
  retryAfterSeconds!: number | null;

  @Field(() => String, { nullable: true, description: 'CURSOR_EXPIRED: the oldest cursor still kept.' })
  oldestCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'UNSUPPORTED_TYPE: the type the content was found to be.' })
  detected!: string | null;

  @Field(() => String, { nullable: true, description: 'CONFLICT: the current status that refuses the request.' })
  status!: string | null;

  @Field(() => String, { nullable: true, description: "CONFLICT of a matter's transition: the status it is in." })
  from!: string | null;

  @Field(() => String, { nullable: true, description: "CONFLICT of a matter's transition: the status asked for." })
  to!: string | null;

  @Field(() => String, { nullable: true, description: "CONFLICT of a session: its recorded outcome." })
  outcome!: string | null;

  @Field(() => String, { nullable: true, description: 'CONFLICT: a time (ISO 8601) that makes the request too early or too late.' })
  startsAt!: string | null;

  @Field(() => String, { nullable: true })
  heldAt!: string | null;

  @Field(() => String, { nullable: true })
  recordedAt!: string | null;

  @Field(() => String, { nullable: true })
  confirmedAt!: string | null;

  @Field(() => String, { nullable: true })
  outcomeRecordedAt!: string | null;

  @Field(() => String, { nullable: true })
  performedAt!: string | null;

  @Field(() => String, { nullable: true })
  waivedAt!: string | null;

  @Field(() => [OpenTermExtension], { nullable: true })
  openTerms!: OpenTermExtension[] | null;
}
