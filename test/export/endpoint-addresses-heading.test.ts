/**
 * A LoadBalancer Service's or a Gateway's IP address sits in the endpoints table beside host names: an
 * outside review read the column "Hosts" as calling 10.0.10.53 a host. Where a row lists an address, the
 * column says "Hosts and addresses" on the page and in the exported README; elsewhere it stays "Hosts",
 * so that exported READMEs of apps with host names only do not change.
 */
import { describe, expect, it } from 'vitest';
import { endpointHostsHeading } from '../../src/lib/site/app-facts-schema.ts';

describe('the heading of the endpoints table', () => {
  it('says addresses where a row lists an IPv4 or IPv6 address', () => {
    expect(endpointHostsHeading([{ hosts: ['dns.home.example', '10.0.10.53'] }])).toBe('Hosts and addresses');
    expect(endpointHostsHeading([{ hosts: ['app.example.com'] }, { hosts: ['fd00:10::53'] }])).toBe('Hosts and addresses');
    expect(endpointHostsHeading([{ hosts: ['2001:db8::1'] }])).toBe('Hosts and addresses');
  });

  it('stays "Hosts" for host names, wildcards and names that begin with digits', () => {
    expect(endpointHostsHeading([{ hosts: ['app.example.com', '*.home.example'] }, { hosts: [] }])).toBe('Hosts');
    expect(endpointHostsHeading([{ hosts: ['1password.home.example', '10.0.10.53.nip.io', 'cafe:8080'] }])).toBe('Hosts');
    expect(endpointHostsHeading([])).toBe('Hosts');
  });
});
