import { Type, type Static } from '@sinclair/typebox'

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

const Counts = Type.Record(Type.String(), Type.Integer({ minimum: 0 }))

export const UsageView = Type.Object({
  success: Type.Boolean(),
  conversations: Type.Object({ currentMonthTotal: Type.Integer(), currentMonthByReplica: Counts }),
  knowledgeBaseEntries: Type.Object({ total: Type.Integer(), byReplica: Counts })
})

export type UserViewT = Static<typeof UserView>
export type UsageViewT = Static<typeof UsageView>
