import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { EnvSchema } from '../../src/config/env-schema.js'

// deploy/kubernetes rendered by the real kustomize (kubectl's), every object checked
// against the Kubernetes schemas offline (kubernetes-models), then read for what the
// contract asks of it.
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' })
const hasKubectl = kubectl.status === 0

type Obj = { apiVersion: string, kind: string, metadata: { name: string, labels?: Record<string, string> }, spec?: any, data?: Record<string, string> }

function render (dir: string): Obj[] {
  const out = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' })
  if (out.status !== 0) throw new Error(`kubectl kustomize ${dir}: ${out.stderr}`)
  return parseAllDocuments(out.stdout).map((doc) => doc.toJS() as Obj)
}

/** The schema class for an object, from kubernetes-models (the CRD's own package for the ServiceMonitor). */
async function model (obj: Obj): Promise<new (data: unknown) => { validate: () => void }> {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion : `core/${obj.apiVersion}`
  const modules: Record<string, () => Promise<Record<string, unknown>>> = {
    'core/v1': () => import('kubernetes-models/v1'),
    'apps/v1': () => import('kubernetes-models/apps/v1'),
    'autoscaling/v2': () => import('kubernetes-models/autoscaling/v2'),
    'policy/v1': () => import('kubernetes-models/policy/v1'),
    'networking.k8s.io/v1': () => import('kubernetes-models/networking.k8s.io/v1'),
    'monitoring.coreos.com/v1': () => import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1')
  }
  const load = modules[group]
  if (load === undefined) throw new Error(`no schema for ${obj.apiVersion}`)
  const Model = (await load())[obj.kind]
  if (typeof Model !== 'function') throw new Error(`no schema for ${obj.apiVersion} ${obj.kind}`)
  return Model as new (data: unknown) => { validate: () => void }
}

const SECRET_VARIABLES = ['SENSAY_ORGANIZATION_SECRET', 'AUTH_JWT_SECRET', 'OIDC_CLIENT_SECRET', 'SESSION_SECRET']
const KNOWN_VARIABLES = new Set(Object.keys(EnvSchema.properties))

const one = (objects: Obj[], kind: string, name = 'sensay-bff'): Obj => {
  // A generated ConfigMap's name carries its content hash.
  const found = objects.filter((o) => o.kind === kind && (o.metadata.name === name || (kind === 'ConfigMap' && o.metadata.name.startsWith(`${name}-`))))
  expect(found, `${kind} ${name}`).toHaveLength(1)
  return found[0]!
}
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([k, v]) => labels[k] === v)

describe.skipIf(!hasKubectl)(`deploy/kubernetes${hasKubectl ? '' : ' (skipped: no kubectl here)'}`, () => {
  const objects = hasKubectl ? render('deploy/kubernetes') : []
  const tmp = mkdtempSync(join(tmpdir(), 'bff-k8s-'))
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))
  const deployment = () => one(objects, 'Deployment')
  const pod = () => deployment().spec.template.spec
  const container = () => pod().containers[0]
  const configMap = () => one(objects, 'ConfigMap')

  it('renders with kustomize into the contract\'s objects, each valid against the Kubernetes schemas', async () => {
    expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PodDisruptionBudget', 'Service'])
    for (const obj of objects) {
      const Model = await model(obj)
      expect(() => new Model(obj).validate(), `${obj.kind} ${obj.metadata.name}`).not.toThrow()
    }
    // The validation can fail: a probe port of the wrong type is refused.
    const broken = structuredClone(deployment())
    broken.spec.template.spec.containers[0].livenessProbe.httpGet.port = { name: 'http' }
    const Broken = await model(broken)
    expect(() => new Broken(broken).validate()).toThrow()
  })

  it('probes /healthz and /readyz, pauses before SIGTERM, and gives the grace period room', () => {
    const c = container()
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' })
    expect(c.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' })
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' })
    expect(c.ports).toEqual(expect.arrayContaining([{ name: 'http', containerPort: 3000 }]))
    const [sleep, seconds] = c.lifecycle.preStop.exec.command as [string, string]
    expect(sleep).toBe('sleep')
    const graceMs = Number(configMap().data!.SHUTDOWN_GRACE_MS)
    expect(graceMs).toBeGreaterThan(0)
    // The kubelet SIGKILLs after terminationGracePeriodSeconds, counted from the preStop's start.
    expect(pod().terminationGracePeriodSeconds).toBeGreaterThan(Number(seconds) + graceMs / 1000 + 5)
    expect(deployment().spec.strategy.rollingUpdate.maxUnavailable).toBe(0)
  })

  it('runs non-root, read-only, without privilege escalation or capabilities, on one CPU', () => {
    expect(pod().securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } })
    expect(pod().automountServiceAccountToken).toBe(false)
    expect(container().securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } })
    expect(container().resources.requests.cpu).toBe('1')
    expect(container().resources.limits.cpu).toBe('1')
  })

  it('holds no secret value: secrets come by reference from a Secret the operator creates, and every variable is one the BFF reads', () => {
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false)
    expect(readFileSync('deploy/kubernetes/kustomization.yaml', 'utf8')).not.toMatch(/^secretGenerator:/m)
    const env = container().env as Array<{ name: string, value?: string, valueFrom?: unknown }>
    const names = [...env.map((e) => e.name), ...Object.keys(configMap().data!)]
    for (const name of names) expect(KNOWN_VARIABLES.has(name), name).toBe(true)
    for (const name of SECRET_VARIABLES) {
      expect(configMap().data![name], name).toBeUndefined()
      expect(env.find((e) => e.name === name)?.value, name).toBeUndefined()
    }
    expect(configMap().data!.REDIS_URL).not.toMatch(/:[^/]*@/)
    // The organization secret is a file from the Secret volume, readable by the pod's group.
    const file = env.find((e) => e.name === 'SENSAY_ORGANIZATION_SECRET_FILE')!.value!
    const mount = container().volumeMounts.find((m: { mountPath: string }) => file.startsWith(`${m.mountPath}/`))
    const volume = pod().volumes.find((v: { name: string }) => v.name === mount.name)
    expect(volume.secret.secretName).toBe('sensay-bff')
    expect(volume.secret.defaultMode & 0o040).toBe(0o040)
    expect(container().envFrom).toEqual([{ configMapRef: { name: configMap().metadata.name } }])
  })

  it('serves the API port alone on the Service; metrics on METRICS_PORT, behind no public Service', () => {
    const service = one(objects, 'Service')
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }])
    expect(matches(service.spec.selector, deployment().spec.template.metadata.labels)).toBe(true)
    const metricsPort = Number(configMap().data!.METRICS_PORT)
    expect(container().ports).toEqual(expect.arrayContaining([{ name: 'metrics', containerPort: metricsPort }]))
  })

  it('scales on CPU and keeps pods through disruptions, both pointing at the Deployment\'s pods', () => {
    const hpa = one(objects, 'HorizontalPodAutoscaler')
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment().metadata.name })
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2)
    expect(hpa.spec.metrics[0].resource.name).toBe('cpu')
    const pdb = one(objects, 'PodDisruptionBudget')
    expect(matches(pdb.spec.selector.matchLabels, deployment().spec.template.metadata.labels)).toBe(true)
  })

  it('lets in the ingress controller (API) and monitoring (metrics) only, and out DNS, Redis and HTTPS to public addresses only', () => {
    const policy = one(objects, 'NetworkPolicy')
    const podLabels = deployment().spec.template.metadata.labels
    expect(matches(policy.spec.podSelector.matchLabels, podLabels)).toBe(true)
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress'])
    const ingress = policy.spec.ingress.map((rule: any) => [rule.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'], rule.ports.map((p: any) => p.port)])
    expect(ingress).toEqual([['ingress-nginx', ['http']], ['monitoring', ['metrics']]])
    const egress = policy.spec.egress as Array<{ to: any[], ports: Array<{ port: number, protocol: string }> }>
    // Every rule names its ports: nothing allows all traffic.
    for (const rule of egress) expect(rule.ports.length).toBeGreaterThan(0)
    const ports = egress.flatMap((rule) => rule.ports.map((p) => `${p.port}/${p.protocol}`))
    expect(ports.sort()).toEqual(['26379/TCP', '443/TCP', '53/TCP', '53/UDP', '6379/TCP'])
    // Peers keep their own labels (a selector-rewriting label transformer once made kube-dns "sensay-bff").
    const dns = egress.find((rule) => rule.ports.some((p) => p.port === 53))!
    expect(dns.to[0].podSelector.matchLabels).toEqual({ 'k8s-app': 'kube-dns' })
    const https = egress.find((rule) => rule.ports.some((p) => p.port === 443))!
    expect(https.to[0].ipBlock.cidr).toBe('0.0.0.0/0')
    expect(https.to[0].ipBlock.except).toEqual(expect.arrayContaining(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16']))
  })

  it('with the monitoring component: a headless metrics Service and a valid ServiceMonitor that finds it', async () => {
    const dir = join(tmp, 'kubernetes')
    cpSync('deploy/kubernetes', dir, { recursive: true })
    const kustomization = join(dir, 'kustomization.yaml')
    const text = readFileSync(kustomization, 'utf8')
    expect(text).toContain('# components:\n#   - monitoring')
    writeFileSync(kustomization, text.replace('# components:\n#   - monitoring', 'components:\n  - monitoring'))
    const withMonitoring = render(dir)
    for (const obj of withMonitoring) {
      const Model = await model(obj)
      expect(() => new Model(obj).validate(), `${obj.kind} ${obj.metadata.name}`).not.toThrow()
    }
    const metrics = one(withMonitoring, 'Service', 'sensay-bff-metrics')
    expect(metrics.spec.clusterIP).toBe('None')
    expect(metrics.spec.ports.map((p: any) => p.targetPort)).toEqual(['metrics'])
    expect(matches(metrics.spec.selector, deployment().spec.template.metadata.labels)).toBe(true)
    const monitor = one(withMonitoring, 'ServiceMonitor')
    expect(matches(monitor.spec.selector.matchLabels, metrics.metadata.labels)).toBe(true)
    expect(monitor.spec.endpoints[0].port).toBe('metrics')
    // The public Service is unchanged: still the API port alone.
    expect(one(withMonitoring, 'Service', 'sensay-bff').spec.ports).toHaveLength(1)
  })
})
