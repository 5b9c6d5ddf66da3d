import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/server/config.ts'

describe('configuration', () => {
  it('runs on the embedded default when nothing is set', () => {
    const config = loadConfig({})
    expect(config.PORT).toBe(3000)
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.REDIS_URL).toBeUndefined()
    expect(config.DEMO_PASSWORD).toBe('demo1234')
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).DATABASE_URL).toBeUndefined()
  })

  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['REDIS_URL', 'localhost:6379'],
    ['DEMO_PASSWORD', 'short'],
    ['LOG_LEVEL', 'loud'],
  ])('names the bad variable %s in its error', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(ConfigError)
    expect(() => loadConfig({ [name]: value })).toThrowError(new RegExp(name))
  })

  it('splits the allowed origins', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example, https://b.example' }).allowedOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ])
  })
})
