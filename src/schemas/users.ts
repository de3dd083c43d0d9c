import { Type, type Static } from '@sinclair/typebox'

export const UserView = Type.Object({
  success: Type.Boolean(),
  id: Type.String(),
  name: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  linkedAccounts: Type.Optional(Type.Array(Type.Object({ accountID: Type.String(), accountType: Type.String() })))
})

export const UserUpdateInput = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 50, pattern: "^[a-zA-Z0-9\\s().,'\\-/]*$" })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 }))
}, { additionalProperties: false, minProperties: 1 })

const Counts = Type.Record(Type.String(), Type.Integer({ minimum: 0 }))

export const UsageView = Type.Object({
  success: Type.Boolean(),
  conversations: Type.Object({ currentMonthTotal: Type.Integer(), currentMonthByReplica: Counts }),
  knowledgeBaseEntries: Type.Object({ total: Type.Integer(), byReplica: Counts })
})

export type UserViewT = Static<typeof UserView>
export type UsageViewT = Static<typeof UsageView>
