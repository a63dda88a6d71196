/**
 * Database and message-queue operators write Secrets named after their resources, which apps then
 * read: Zalando's postgres-operator (`<user>.<cluster>.credentials.postgresql.acid.zalan.do`), Crunchy
 * PGO (`<cluster>-pguser-<user>`), RabbitMQ (`<name>-default-user`), ECK (`<name>-es-elastic-user`) and
 * MongoDB Community (`<name>-<db>-<user>`, `<scram>-scram-credentials`). An outside review found each
 * read Secret shown as "not defined in the repository", and MongoDB's scramCredentialsSecretName listed
 * as a Secret the resource reads.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('operator-made-secrets');
afterAll(remove);

const reader = (name: string, secrets: string[]) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/${name}:1.0.0\n          envFrom:\n${secrets.map((s) => `            - secretRef:\n                name: ${s}\n`).join('')}`;

describe('Secrets operators make', () => {
  it('are defined for the apps that read them; a name the operator writes is not read', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('db', './db', '  targetNamespace: db\n'));
    put('db/kustomization.yaml', 'resources:\n  - zalando.yaml\n  - pgo.yaml\n  - rabbit.yaml\n  - eck.yaml\n  - mongo.yaml\n  - readers.yaml\n');
    put('db/zalando.yaml', 'apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-nextcloud\nspec:\n  teamId: acid\n  numberOfInstances: 2\n  users:\n    nextcloud_app: [superuser, createdb]\n  databases:\n    nextcloud: nextcloud_app\n  preparedDatabases:\n    gitea:\n      defaultUsers: true\n');
    put('db/pgo.yaml', 'apiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata:\n  name: hippo\nspec:\n  postgresVersion: 16\n  users:\n    - name: rhino\n      databases: [zoo]\n---\napiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata:\n  name: plain\nspec:\n  postgresVersion: 16\n');
    put('db/rabbit.yaml', 'apiVersion: rabbitmq.com/v1beta1\nkind: RabbitmqCluster\nmetadata:\n  name: mq\nspec:\n  replicas: 1\n');
    put('db/eck.yaml', 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: logs\nspec:\n  version: 8.15.0\n');
    put('db/mongo.yaml', 'apiVersion: mongodbcommunity.mongodb.com/v1\nkind: MongoDBCommunity\nmetadata:\n  name: mongo\nspec:\n  members: 1\n  type: ReplicaSet\n  version: 7.0.12\n  users:\n    - name: app\n      db: admin\n      passwordSecretRef:\n        name: mongo-app-password\n      scramCredentialsSecretName: app-scram\n      roles:\n        - name: readWrite\n          db: app\n');
    put(
      'db/readers.yaml',
      [
        reader('nextcloud', ['nextcloud-app.acid-nextcloud.credentials.postgresql.acid.zalan.do', 'gitea-owner-user.acid-nextcloud.credentials.postgresql.acid.zalan.do', 'postgres.acid-nextcloud.credentials.postgresql.acid.zalan.do']),
        reader('zoo', ['hippo-pguser-rhino', 'plain-pguser-plain']),
        reader('worker', ['mq-default-user', 'logs-es-elastic-user', 'mongo-admin-app', 'app-scram-scram-credentials']),
        // Made by nobody: still "not defined".
        reader('stray', ['hippo-pguser-hippo']),
      ].join('---\n'),
    );
    const { model } = await scanRepo(root, parseConfig({}));
    const app = model.objects.find((o) => o.kind === 'Deployment')!.appId!;
    const used = Object.fromEntries(appFacts(model, app)!.secrets.used.map((u) => [u.name, u.defined]));
    expect(used).toEqual({
      'app-scram-scram-credentials': true,
      'gitea-owner-user.acid-nextcloud.credentials.postgresql.acid.zalan.do': true,
      'hippo-pguser-hippo': false,
      'hippo-pguser-rhino': true,
      'logs-es-elastic-user': true,
      'mongo-admin-app': true,
      'mq-default-user': true,
      'nextcloud-app.acid-nextcloud.credentials.postgresql.acid.zalan.do': true,
      'plain-pguser-plain': true,
      'postgres.acid-nextcloud.credentials.postgresql.acid.zalan.do': true,
      // The user's password the MongoDB resource reads: used, and nothing here defines it.
      'mongo-app-password': false,
    });
  });
});
