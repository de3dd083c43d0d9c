import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { OpenAiModelList, openAiErrorResponses, type OpenAiModelListT } from '../../schemas/openai.js'
import { callContext } from '../../upstream/sensay-plugin.js'
import { visibleReplicas } from '../replicas.js'

const PAGE_SIZE = 100
// 100 pages of 100: a bound on what one listing may cost upstream.
const MAX_PAGES = 100

export const openAiModelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/models', {
    schema: { tags: ['OpenAI'], summary: 'The replicas the caller may see, as OpenAI models', response: { 200: OpenAiModelList, ...openAiErrorResponses } }
  }, async (request): Promise<OpenAiModelListT> => {
    const identity = request.identity!
    const data: OpenAiModelListT['data'] = []
    const ctx = callContext(request)
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { shown, listed } = await visibleReplicas(app, request, { page, page_size: PAGE_SIZE }, ctx)
      for (const { replica } of shown) {
        const own = identity.kind === 'user' && replica.ownerID === identity.userId
        // Sensay gives no creation time in a listing: 0, which OpenAI's clients accept.
        data.push({ id: replica.uuid, object: 'model', created: 0, owned_by: own ? identity.userId : 'sensay' })
      }
      if (listed < PAGE_SIZE) break
    }
    return { object: 'list', data }
  })
}
