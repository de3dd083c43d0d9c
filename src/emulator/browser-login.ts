import { request } from 'undici'

/**
 * Just enough of a browser for login flows over real sockets (tests and
 * `npm run bench`, against the identity provider beside it): a cookie jar
 * per origin (names and values; paths and expiry are the servers' business
 * here) and redirects followed by hand, so a test can stop at any step.
 */
export class Browser {
  readonly jar = new Map<string, Map<string, string>>()

  cookies (origin: string): Map<string, string> {
    let cookies = this.jar.get(origin)
    if (!cookies) this.jar.set(origin, (cookies = new Map()))
    return cookies
  }

  cookieHeader (origin: string): string | undefined {
    const cookies = [...this.cookies(origin)].map(([name, value]) => `${name}=${value}`)
    return cookies.length > 0 ? cookies.join('; ') : undefined
  }

  #store (origin: string, setCookie: string | string[] | undefined): void {
    for (const line of ([] as string[]).concat(setCookie ?? [])) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0(;|$)/i.test(line) || value === ''
      if (expired) this.cookies(origin).delete(name)
      else this.cookies(origin).set(name, value)
    }
  }

  /** One request, cookies sent and stored; no redirect followed. */
  async fetch (url: string, options: { method?: 'GET' | 'POST', headers?: Record<string, string>, form?: Record<string, string> } = {}) {
    const origin = new URL(url).origin
    const headers: Record<string, string> = { ...options.headers }
    const cookie = this.cookieHeader(origin)
    if (cookie) headers.cookie = cookie
    let body: string | undefined
    if (options.form) {
      body = new URLSearchParams(options.form).toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    const res = await request(url, { method: options.method ?? 'GET', headers, body })
    this.#store(origin, res.headers['set-cookie'])
    const text = await res.body.text()
    const location = res.headers.location
    return { status: res.statusCode, headers: res.headers, text, location: typeof location === 'string' ? new URL(location, url).href : undefined }
  }

  /** GETs and follows redirects until a non-redirect answer or `stopAt` matches the next URL. */
  async follow (url: string, stopAt?: (url: string) => boolean) {
    let next = url
    for (let hops = 0; hops < 20; hops++) {
      const res = await this.fetch(next)
      if (res.location === undefined || res.status < 300 || res.status >= 400) return { ...res, url: next }
      if (stopAt?.(res.location)) return { ...res, url: next }
      next = res.location
    }
    throw new Error(`too many redirects from ${url}`)
  }
}

/**
 * Logs in through the BFF and the identity provider's development login page,
 * as a browser would: /auth/login, the provider's authorization endpoint, the
 * login form, back to /auth/callback. Returns the callback's answer.
 */
export async function logIn (browser: Browser, bff: string, user: string, returnTo = '/') {
  const atProvider = await browser.follow(`${bff}/auth/login?returnTo=${encodeURIComponent(returnTo)}`)
  // The development interaction page: a form that posts the login to the page's own URL.
  if (atProvider.status !== 200 || !atProvider.text.includes('name="login"')) throw new Error(`no login page: ${atProvider.status} ${atProvider.text.slice(0, 200)}`)
  const posted = await browser.fetch(atProvider.url, { method: 'POST', form: { prompt: 'login', login: user, password: 'any' } })
  if (posted.location === undefined) throw new Error(`login form refused: ${posted.status} ${posted.text.slice(0, 200)}`)
  const toCallback = await browser.follow(posted.location, (next) => next.startsWith(`${bff}/auth/callback`))
  if (toCallback.location === undefined) throw new Error(`the provider did not send us back: ${toCallback.status} ${toCallback.text.slice(0, 300)}`)
  return browser.fetch(toCallback.location)
}
