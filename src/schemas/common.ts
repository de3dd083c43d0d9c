import { Type, type Static } from '@sinclair/typebox'

/** A string enum: typed as the union of its values, validated and documented as JSON Schema's `enum`. */
export const Enum = <T extends readonly string[]>(values: T, options: object = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })

// Sensay's own URL pattern (profileImage, knowledge-base url).
export const URL_PATTERN = 'https?:\\/\\/[-a-zA-Z0-9@:%._+~#=]{1,256}\\.[a-zA-Z0-9()]+\\b([-a-zA-Z0-9()@:%_+.~#?&\\/=]*)'

// A strict UUID (no `urn:uuid:` prefix, no braces): it becomes a path segment.
export const Uuid = Type.String({
  format: 'uuid',
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'A UUID.'
})

export const ReplicaParams = Type.Object({ replicaUUID: Uuid }, { additionalProperties: false })
export type ReplicaParamsT = Static<typeof ReplicaParams>

// Kept a string so that `1e3`, `0x10` or `1.0` are refused rather than coerced.
export const KnowledgeBaseId = Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: 'A positive integer.' })

export const KnowledgeBaseParams = Type.Object({ replicaUUID: Uuid, knowledgeBaseID: KnowledgeBaseId }, { additionalProperties: false })
export type KnowledgeBaseParamsT = Static<typeof KnowledgeBaseParams>

export const ErrorDetail = Type.Object({
  in: Type.String(),
  field: Type.String(),
  message: Type.String()
})

export const ErrorResponse = Type.Object({
  success: Type.Literal(false),
  status: Type.Integer(),
  error_code: Type.String(),
  error: Type.String(),
  request_id: Type.String(),
  upstream_request_id: Type.Optional(Type.String()),
  details: Type.Array(ErrorDetail)
}, { $id: 'ErrorResponse', description: 'Every error, from the BFF or upstream.' })
export type ErrorResponseT = Static<typeof ErrorResponse>

/** For routes that take no query parameters: any one is refused, naming it. */
export const NoQuery = Type.Object({}, { additionalProperties: false })

export const SuccessOnly = Type.Object({ success: Type.Boolean() })

/** The error statuses every authenticated route may answer, for the OpenAPI document. */
export const errorResponses = {
  400: Type.Ref('ErrorResponse'),
  401: Type.Ref('ErrorResponse'),
  403: Type.Ref('ErrorResponse'),
  404: Type.Ref('ErrorResponse'),
  429: Type.Ref('ErrorResponse'),
  502: Type.Ref('ErrorResponse'),
  503: Type.Ref('ErrorResponse'),
  504: Type.Ref('ErrorResponse')
}
