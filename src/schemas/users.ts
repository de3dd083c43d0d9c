import { Type, type Static } from '@sinclair/typebox'
import { Enum } from './common.js'

export const UserView = Type.Object({
  success: Type.Boolean(),
  id: Type.String(),
  name: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  linkedAccounts: Type.Optional(Type.Array(Type.Object({ accountID: Type.String(), accountType: Type.String() })))
})

// Sensay's PUT /v1/users/me minus `linkedAccounts` (integration data, the
// organization's to set). `id` is accepted when it is the caller's own.
export const UserUpdateInput = Type.Object({
  id: Type.Optional(Type.String({ minLength: 1, description: 'Your own user id (the only accepted value).' })),
  name: Type.Optional(Type.String({ maxLength: 50, pattern: "^[a-zA-Z0-9\\s().,'\\-/]*$" })),
  email: Type.Optional(Type.String({ format: 'email' }))
}, { additionalProperties: false })

const LinkedAccount = Type.Object({ accountID: Type.String(), accountType: Enum(['discord', 'telegram', 'embed']) }, { additionalProperties: false })

// Sensay's POST /v1/users. A user creates only themselves (`id` absent or their own) and
// never with `linkedAccounts` (integration data); an admin key sends what Sensay accepts.
export const UserCreateInput = Type.Object({
  id: Type.Optional(Type.String({ description: 'Your own user id (an admin key: any).' })),
  name: Type.Optional(Type.String({ maxLength: 50, pattern: "^[a-zA-Z0-9\\s().,'\\-/]*$" })),
  email: Type.Optional(Type.String({ format: 'email' })),
  linkedAccounts: Type.Optional(Type.Array(LinkedAccount, { description: 'Admin keys only.' }))
}, { additionalProperties: false })

// Any value a header can carry; the route decides whose it may be.
export const UserParams = Type.Object({
  userID: Type.String({ pattern: '^[\\x21-\\x7e](?:[\\x20-\\x7e]{0,253}[\\x21-\\x7e])?$', description: 'A user id.' })
}, { additionalProperties: false })

const Counts = Type.Record(Type.String(), Type.Integer({ minimum: 0 }))

export const UsageView = Type.Object({
  success: Type.Boolean(),
  conversations: Type.Object({ currentMonthTotal: Type.Integer(), currentMonthByReplica: Counts }),
  knowledgeBaseEntries: Type.Object({ total: Type.Integer(), byReplica: Counts })
})

export type UserViewT = Static<typeof UserView>
export type UserCreateInputT = Static<typeof UserCreateInput>
export type UsageViewT = Static<typeof UsageView>
