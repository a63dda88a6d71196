/**
 * Every finding code GitOps Atlas emits, with what it means: a closed union, as eemeli/yaml's
 * `ErrorCode`. `finding()` takes a `FindingCode`, so a new code does not typecheck until it has an
 * entry here; the guide's list of findings (/guide/findings/) is generated from this registry, and
 * `silence[].code` in atlas.config.yaml is validated against it.
 *
 * `severities` lists every severity the code is emitted with, the usual one first; `areas` the
 * health areas it is filed under, likewise. `summary` is one line; `details`, where present, is
 * Markdown that says more (how the fact is judged, when the finding is fine to silence).
 */
import type { Severity } from './severity.ts';
import { editDistance } from './edit-distance.ts';

/** Health areas a finding is filed under, in the order the guide lists them. */
export const FINDING_AREAS = {
  yaml: 'Reading the repository',
  flux: 'Flux and kustomize',
  graph: 'Dependencies',
  secrets: 'Secrets',
  backup: 'Backup',
  monitoring: 'Monitoring',
  network: 'Network policies',
  policy: 'Policies',
  versions: 'Versions',
  retention: 'Retention',
  privacy: 'Privacy of the published site',
  roadmap: 'Roadmap',
  changelog: 'Changelog',
  docs: 'Markdown and runbooks',
  export: 'atlas export',
} as const;
export type FindingArea = keyof typeof FINDING_AREAS;

export interface FindingInfo {
  /** Severities the code is emitted with, the usual one first. */
  readonly severities: readonly [Severity, ...Severity[]];
  /** Health areas the code is filed under, the usual one first. */
  readonly areas: readonly [FindingArea, ...FindingArea[]];
  /** One line: what the finding says is wrong or worth knowing. */
  readonly summary: string;
  /** Markdown with more to say, shown under the summary in the guide. */
  readonly details?: string;
  /**
   * The finding is why an app is not deployed (its note, or a build that fails as a whole): kept for
   * such an app, whose other findings `atlas check` leaves out (src/analysis/index.ts, deployedOnly).
   * `'error'`: only at that severity (a patch that stops the build), its warnings are left out as others are.
   * `'named'`: only where it is the reason its app names (an object the API server refuses, whose file the
   * app's note cites); one inside a build that fails for another reason is no more applied than the rest of it.
   */
  readonly saysWhyNotDeployed?: true | 'error' | 'named';
  /**
   * The finding is about what Git holds (a value committed in plain text), not about what Flux applies:
   * kept for an app that a build that fails keeps off (the owner means to deploy it), where its other
   * findings are left out. Archives, switched-off apps and files left out stay unreported, as every
   * finding there (an owner does not act on a retired manifest).
   */
  readonly aboutGit?: true;
  /**
   * The finding is about the object as written (its apiVersion, its own spec's settings and
   * dependsOn), not about what its build applies: kept wherever a working build applies the object,
   * though its app is kept off because the object's own build fails. A Flux Kustomization is applied
   * by its parent's build, and kustomize-controller checks dependsOn before it builds the path
   * (https://fluxcd.io/flux/components/kustomize/kustomizations/#dependencies), so its
   * apiVersion and dependsOn matter whatever its own build does.
   */
  readonly aboutObject?: true;
}

const FINDING_CODES = {
  // yaml: reading files
  FILE_TOO_LARGE: { severities: ['warning'], areas: ['yaml'], summary: 'A file is larger than `maxFileBytes`; it was not read.' },
  FILE_UNREADABLE: {
    severities: ['warning', 'error'],
    areas: ['yaml', 'changelog', 'roadmap'],
    summary: 'A file could not be opened or read (permissions, a file that vanished during the scan).',
  },
  BINARY_FILE: { severities: ['warning'], areas: ['yaml'], summary: 'A file with a YAML name holds NUL bytes and looks binary; it was not read.' },
  ENCODING_UTF16: { severities: ['info'], areas: ['yaml'], summary: 'A file is UTF-16 with a byte order mark; it was decoded, but Flux and kubectl expect UTF-8.' },
  ENCODING_INVALID_UTF8: { severities: ['warning'], areas: ['yaml'], summary: 'A file is not valid UTF-8; the invalid bytes were replaced with U+FFFD.' },
  TOO_MANY_FILES: { severities: ['warning'], areas: ['yaml'], summary: 'The repository lists more files than are read; narrow the scan with `include`/`exclude`.' },
  WALK_LIMIT_REACHED: { severities: ['warning'], areas: ['yaml'], summary: 'Listing a folder that is not a git work tree stopped at its entry limit.' },
  WALK_TOO_DEEP: { severities: ['warning'], areas: ['yaml'], summary: 'Folders nested deeper than the walk limit were not read.' },
  SYMLINK_LOOP: { severities: ['warning'], areas: ['yaml'], summary: 'A symbolic link is part of a loop; it was not followed.' },
  SYMLINK_OUTSIDE_REPO: { severities: ['warning'], areas: ['yaml'], summary: 'A symbolic link points outside the repository; it was not read.' },
  SYMLINK_BROKEN: { severities: ['info'], areas: ['yaml'], summary: 'A symbolic link points to nothing; it was not read.' },
  INPUT_BUDGET_EXCEEDED: {
    severities: ['error'],
    areas: ['yaml'],
    summary: 'The repository holds more YAML than `maxTotalBytes` or `maxDocuments`; the files past the limit were not read.',
    details: 'Reported once, on the first file left out (in path order). Pages and findings are incomplete: raise the limit in `atlas.config.yaml`, or exclude generated files.',
  },
  YAML_TOO_MANY_DOCUMENTS: { severities: ['warning'], areas: ['yaml'], summary: 'One file holds more YAML documents than `maxDocuments` allows for the whole repository; it was not read.' },
  YAML_PARSE_ERROR: { severities: ['error', 'info'], areas: ['yaml'], summary: 'A document is not valid YAML; it was skipped whole.', details: 'The message names yaml\'s error code and the position, never the text of the document (it could be a secret written badly). An info, not an error, in a file no Flux build reads (left out of its folder\'s kustomization.yaml, a Helm chart template no Kustomization\'s path takes in).' },
  YAML_TOO_DEEP: { severities: ['error', 'info'], areas: ['yaml'], summary: 'A document nests deeper than the parser accepts; it was skipped.' },
  YAML_ALIAS_LIMIT: { severities: ['error', 'info'], areas: ['yaml'], summary: 'A document expands aliases more often than allowed (an "alias bomb"); it was skipped.' },
  YAML_ALIAS_CYCLE: { severities: ['error', 'info'], areas: ['yaml'], summary: 'An alias sits inside the node its anchor names, so the document contains itself (Kubernetes refuses it); it was skipped.' },
  YAML_DUPLICATE_KEY: { severities: ['warning'], areas: ['yaml'], summary: 'A key appears twice in one mapping: kustomize refuses the file (KUSTOMIZE_FILE_UNREADABLE where a Flux Kustomization builds it); other readers take the last one.' },
  YAML_UNKNOWN_TAG: {
    severities: ['info', 'error'],
    areas: ['yaml'],
    summary: 'A tag (`!name`, `!!type`) is unknown or does not fit its value.',
    details: 'An unknown tag is a note (the value is read as if untagged); a tag whose value cannot be resolved is an error and skips the document. Tags in files that are not Kubernetes manifests (an application\'s own `!env_var`) are not reported.',
  },
  YAML_WARNING: { severities: ['info'], areas: ['yaml'], summary: 'The YAML parser warned about a document; it was read.' },

  // flux: Flux Kustomizations, kustomize, the model
  FLUX_PATH_MISSING: { severities: ['warning', 'error'], areas: ['flux'], saysWhyNotDeployed: 'error', summary: 'A Flux Kustomization\'s `spec.path` is not a folder of the repository (an error where a `.sourceignore` or spec.ignore leaves all of it out of the artifact: the build fails).' },
  FLUX_PATH_OUTSIDE_REPO: { severities: ['warning'], areas: ['flux'], summary: 'A Flux Kustomization\'s `spec.path` climbs above its source\'s root (`../apps`); Flux stops it at the root (SecureJoin) and builds what is there, which is rarely what was meant.' },
  FLUX_COMPONENT_MISSING: { severities: ['error', 'warning'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'A `spec.components` entry of a Flux Kustomization is not a folder of the repository (an error where known missing from its own Git source: the build stops).' },
  FLUX_SETTING_OFF_STANDARD: {
    severities: ['info'],
    areas: ['flux'],
    aboutObject: true,
    summary: 'A Flux Kustomization\'s interval, timeout or retryInterval differs from `standards` in atlas.config.yaml.',
  },
  GENERATOR_ENV_VALUE: { severities: ['warning'], areas: ['flux'], summary: "A line of a generator's env file has an inline comment or quotes, which kustomize keeps in the value (a shell or dotenv reader would not)." },
  VALUES_FROM_RENAMED: { severities: ['warning'], areas: ['flux'], summary: "A HelmRelease's `valuesFrom` names a ConfigMap or Secret that a namePrefix or nameSuffix renames; kustomize leaves valuesFrom as written, so helm-controller does not find it." },
  VALUES_FROM_MISSING: { severities: ['warning'], areas: ['flux'], summary: "A HelmRelease's `valuesFrom` names a ConfigMap or Secret (not optional) that nothing in the repository makes in the release's namespace, where helm-controller reads it; it fails the release." },
  VALUES_FROM_HASHED: { severities: ['warning'], areas: ['flux'], summary: "A HelmRelease's `valuesFrom` names a ConfigMap or Secret a kustomize generator makes with a hash suffix, and no `configurations:` nameReference renames the reference; helm-controller does not find it." },
  PRUNE_OVERRIDDEN: { severities: ['warning'], areas: ['flux'], aboutObject: true, summary: "A Flux Kustomization's own `prune: false` is set to true by the spec.patches of the Kustomization that applies it: what its owner kept out of pruning is deleted when it leaves the build." },
  FLUX_SPEC_INVALID: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: 'named', summary: "A Flux object lacks a field its API requires, has a misspelt one (`dependOn:`) or a value it does not allow (an OCIRepository as a chart's sourceRef): the API server refuses it, and the apply fails." },
  FLUX_APPLY_KUSTOMIZE_CONFIG: {
    severities: ['error'],
    areas: ['flux'],
    saysWhyNotDeployed: true,
    summary: "A build holds a document of kustomize's own apiVersion (kustomize.config.k8s.io) outside a kustomization.yaml: kustomize emits it, the API server has no such kind, and the apply fails.",
    details: "Usually a Flux Kustomization written with kustomize's apiVersion in its own file (`infrastructure.yaml`): kustomize reads a kustomization only from a file named kustomization.yaml and emits any other document as it is. The kustomize-controller's dry-run of the build then fails (\"no matches for kind\"), so Flux applies nothing of it, and whatever depends on the mistyped Kustomization waits for it forever.",
  },
  FLUX_PATH_IS_FILE: { severities: ['warning'], areas: ['flux'], summary: "A Flux Kustomization's spec.path names a file; Flux builds a folder and cannot write the kustomization.yaml it generates into a file." },
  SOPS_DECRYPTION_MISSING: { severities: ['error'], areas: ['secrets'], summary: 'A Flux Kustomization without spec.decryption applies a SOPS-encrypted manifest (refused: the Kustomization fails) or a secretGenerator of a SOPS file (its Secret holds ciphertext).' },
  SUBSTITUTE_FROM_HASHED: { severities: ['warning'], areas: ['flux'], summary: 'A `postBuild.substituteFrom` ConfigMap or Secret is made by a kustomize generator that adds a hash suffix to its name; Flux looks for the name without it and stops.' },
  SUBSTITUTE_FROM_MISSING: { severities: ['info'], areas: ['flux'], summary: 'A required `postBuild.substituteFrom` ConfigMap or Secret is not in the repository: Flux fails the Kustomization unless something outside the repository creates it.' },
  SUBSTITUTE_FROM_WRONG_NAMESPACE: {
    severities: ['warning'],
    areas: ['flux'],
    summary: 'A `postBuild.substituteFrom` object exists only in another namespace; Flux looks in the Kustomization\'s own.',
  },
  SUBSTITUTION_TOO_LARGE: { severities: ['warning'], areas: ['flux'], summary: 'Variable substitution would add more than 64 MB of text (a variable whose value refers to itself, passed on from Kustomization to Kustomization); the rest was left as written.' },
  RESOURCESET_NOT_EXPANDED: { severities: ['info'], areas: ['flux'], summary: 'A Flux Operator ResourceSet whose inputs or templates the site cannot read (a provider only the cluster knows, a template construct it does not run): the objects it makes are not shown or checked.' },
  SUBSTITUTION_UNRESOLVED: { severities: ['info'], areas: ['flux'], summary: 'A manifest uses `${VAR}` variables that the Kustomization deploying it does not define.' },
  KUSTOMIZE_NOT_KUBERNETES_YAML: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'A YAML file below the path of a Kustomization without kustomization.yaml is not a Kubernetes manifest; Flux generates the kustomization.yaml from every YAML file there and stops at it.' },
  KUSTOMIZE_CYCLE: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'A kustomization.yaml lists a folder that contains one its build is already in; `kustomize build` stops with "cycle detected", so Flux applies nothing of that Kustomization.' },
  KUSTOMIZE_HELM_CHARTS: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'A kustomization.yaml that a Flux Kustomization builds has `helmCharts`: the kustomize-controller runs kustomize without --enable-helm, so the build fails.' },
  FLUX_NAMESPACE_NOT_SPECIFIED: { severities: ['error'], areas: ['flux'], summary: 'A namespaced object gets no namespace from itself, kustomize or targetNamespace; Flux\'s server-side apply fails with "namespace not specified".' },
  KUSTOMIZE_WRONG_API_VERSION: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'A kustomization.yaml a build lists says an apiVersion kustomize refuses (not v1beta1, v1alpha1 for a Component), or a kind other than Kustomization or Component; Flux applies nothing of that Kustomization.' },
  KUSTOMIZE_EXTRA_DOCUMENT: { severities: ['warning'], areas: ['flux'], summary: 'A kustomization.yaml holds a second YAML document, which kustomize ignores: nothing it lists is built from there.' },
  KUSTOMIZE_DUPLICATE_RESOURCE: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'The same object (kind, namespace, name) enters one kustomize build twice, as a file listed twice, or a create generator of a name it has; `kustomize build` stops, so Flux applies nothing of that Kustomization.' },
  KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'A kustomization.yaml or a Flux spec.components lists a folder without a kustomization.yaml of its own; `kustomize build` stops, so Flux applies nothing of that Kustomization (it generates one only for its own path).' },
  KUSTOMIZE_FILE_UNREADABLE: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'A manifest a Flux Kustomization builds has a YAML error or a duplicate key, which kustomize refuses; the build stops, so Flux applies nothing of that Kustomization.' },
  KUSTOMIZE_FIELD_INVALID: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'A kustomization.yaml a Flux build reads has an entry kustomize refuses: a wrong shape (a file under `patches:`) or YAML type (`newTag: 1.10`), a Component under `resources:`, a Kustomization under `components:`.' },
  KUSTOMIZE_UNKNOWN_FIELD: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'A kustomization.yaml a Flux Kustomization builds has a field kustomize does not know (often `spec:`); kustomize refuses it, so Flux applies nothing of that Kustomization.' },
  HELMRELEASE_CHART_UNPINNED: { severities: ['warning'], areas: ['flux'], summary: 'A HelmRelease takes its chart from a HelmRepository without a version (or `*`): Flux installs each new chart version at the next reconcile, unreviewed.' },
  EXISTING_CLAIM_MISSING: { severities: ['warning'], areas: ['flux'], summary: 'A deployed HelmRelease mounts an `existingClaim` that nothing in the repository makes: its pod stays Pending unless something outside creates the claim.' },
  HELMRELEASE_CHART_NAME_PREFIXED: { severities: ['warning'], areas: ['flux'], summary: 'A HelmRelease names its chart `repo/chart`, as the helm CLI does, from an HTTP HelmRepository: Flux looks that name up in the index as written and does not find the chart.' },
  KUSTOMIZATION_SOURCE_MISSING: { severities: ['warning'], areas: ['flux'], aboutObject: true, summary: 'A deployed Flux Kustomization names a source no build creates where it looks: one the repository puts in another namespace, or a GitRepository defined nowhere that is this repository under an older name.' },
  OBJECT_NAME_INVALID: { severities: ['error'], areas: ['flux'], summary: 'An object a build applies has a name the API server refuses (not a DNS-1123 subdomain), often after a postBuild substitution: the apply fails.' },
  PV_VOLUME_HANDLE_SHARED: { severities: ['warning'], areas: ['backup'], summary: 'Two PersistentVolumes of one cluster name the same CSI volume (driver and volumeHandle): pods of both on one node share one mount, and unmounting one unmounts the other.' },
  CLAIM_POPULATOR_MISSING: { severities: ['warning'], areas: ['backup'], summary: 'A claim is filled at creation from a VolSync ReplicationDestination (dataSourceRef) that nothing in the repository makes in its namespace: it stays Pending.' },
  NAMESPACE_MISSING: { severities: ['warning'], areas: ['flux'], summary: 'Objects a cluster\'s Flux builds apply go into a namespace nothing in the repository creates (no Namespace manifest, createNamespace or bootstrap step): the apply fails.' },
  IMAGE_AUTOMATION_NO_MARKERS: { severities: ['warning'], areas: ['flux'], summary: 'A Flux ImageUpdateAutomation of this repository whose spec.update.path holds no `$imagepolicy` setter marker: it commits nothing, so new image tags never reach the cluster.' },
  ROUTE_GATEWAY_MISSING: { severities: ['warning'], areas: ['flux'], summary: 'A Gateway API route attaches to a Gateway the cluster\'s builds do not define, where they define others: the route is never accepted, so its hosts are not served.' },
  ROUTE_GATEWAY_REFUSED: {
    severities: ['warning'],
    areas: ['flux'],
    summary: 'A Gateway API route names a Gateway of the repository that refuses it (no listener its sectionName or port names, or none admits its namespace, kind or hostnames): its hosts are not served there.',
    details: 'Judged by the Gateway API\'s attachment rules (https://gateway-api.sigs.k8s.io/reference/spec/#parentreference): the parentRef\'s `sectionName` and `port` choose listeners; a listener admits routes of its own namespace unless `allowedRoutes.namespaces.from` says `All`, or `Selector` with a label selector on the route\'s Namespace (judged where the Namespace manifest is in the repository, or the selector asks only for `kubernetes.io/metadata.name`); `allowedRoutes.kinds`, else the protocol, says which kinds of route; a listener hostname and the route\'s hostnames must intersect. Silent where a value is still a template or a `${VAR}`, and for a Gateway a chart makes. The app page shows such a route as not attached where no parent accepts it.',
  },
  HELMREPOSITORY_TYPE_MISMATCH: { severities: ['error'], areas: ['flux'], summary: 'A HelmRepository\'s URL and spec.type disagree (an oci:// URL without `type: oci`, or `type: oci` with an http URL): source-controller cannot fetch it, so its HelmReleases get no chart.' },
  HELMRELEASE_SOURCE_MISSING: { severities: ['warning'], areas: ['flux'], summary: 'A deployed HelmRelease takes its chart from a HelmRepository, OCIRepository, GitRepository or Bucket the repository does not define (it defines others of that kind).' },
  FLUX_SUSPENDED: { severities: ['info'], areas: ['flux'], aboutObject: true, summary: 'A Kustomization has `spec.suspend: true`: Flux does not reconcile it, so changes to what it applies (and pruning) wait until it is resumed.' },
  KUSTOMIZE_PATH_OUTSIDE_REPO: { severities: ['error'], areas: ['flux'], summary: 'A kustomization.yaml entry points outside the repository; it was not followed.' },
  KUSTOMIZE_RESOURCE_UNNAMED: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'A manifest a kustomization.yaml lists has a kind but no metadata.name: kustomize refuses it ("missing metadata.name in object"), and Flux applies nothing of the build.' },
  KUSTOMIZE_FILE_MISSING: { severities: ['error'], areas: ['flux'], saysWhyNotDeployed: true, summary: 'A kustomization.yaml a Flux build reads from this Git repository names a file or folder that is not there: kustomize stops, Flux applies none of it.' },
  KUSTOMIZE_RESOURCE_MISSING: { severities: ['warning'], areas: ['flux'], summary: 'A kustomization.yaml `resources`/`components` entry names a path that is not in the repository (`kustomize build` would fail).' },
  PATCH_NOT_APPLIED: { severities: ['error', 'warning'], areas: ['flux'], saysWhyNotDeployed: 'error', summary: 'A kustomize or Flux patch could not be read or does not apply to its target; a Kustomization\'s spec.patches entry that does not apply stops its build (error).' },
  PATCH_NO_TARGET: { severities: ['warning', 'error'], areas: ['flux'], saysWhyNotDeployed: 'error', summary: 'A patch matches no object: one without a target in a folder a Flux Kustomization builds stops the build (error); a target or spec.patches entry selecting nothing is a warning.' },
  DUPLICATE_OBJECT: { severities: ['warning'], areas: ['flux'], summary: 'The same object (kind, namespace, name) is defined twice in what Flux applies.' },
  REPLACEMENT_VALUE_UNKNOWN: {
    severities: ['info'],
    areas: ['flux'],
    summary: "A kustomize `replacements:` entry copies a value this scan cannot know (a Secret's, a credential, a generator input it did not read): the fields it sets show [redacted], not the placeholder they held before.",
    details:
      "kustomize writes the source's value into each target field, so the text the target holds as written (`auth.DOMAIN`, `nginx:REPLACEME`) is never what the cluster gets. A ConfigMap's values are read (literals, plain `envs:` files, one-line `files:` inputs); a Secret's never are, nor a value that looks like a credential. Where the value is not known, the target fields show `[redacted]` in its place and this note says which source and why.",
  },
  NOT_DEPLOYED: {
    severities: ['info'],
    areas: ['flux'],
    saysWhyNotDeployed: true,
    summary: 'An app, an archive folder or a file is not deployed; its manifests are shown but not checked.',
    details: 'One note per folder (an archive, an app switched off in its parent Kustomization), or per file that its folder\'s kustomization.yaml leaves out or comments out and no other kustomization.yaml names (none for a file named as an example, `*.example.yaml`), instead of every finding its manifests would raise if Flux applied them.',
  },
  APP_ID_COLLISION: { severities: ['info'], areas: ['flux'], summary: 'Two app folders get the same id; the second one is shown with a numbered suffix.' },

  // graph: dependsOn
  DEPENDS_ON_MISSING: { severities: ['error', 'info'], areas: ['graph'], aboutObject: true, summary: 'A `dependsOn` entry names a Kustomization or HelmRelease that the repository does not define (info where a Flux Operator ResourceSet of the cluster may make it, or the dependent is suspended).' },
  DEPENDS_ON_SUSPENDED: { severities: ['info'], areas: ['graph'], aboutObject: true, summary: 'A Kustomization\'s `dependsOn` entry names a suspended Kustomization (spec.suspend): not reconciled, it may never report Ready at its current generation, and the dependent then waits until it is resumed.' },
  DEPENDS_ON_DISABLED: { severities: ['error', 'info'], areas: ['graph'], aboutObject: true, summary: 'A `dependsOn` entry names something that is disabled (commented out, `*.dis`); Flux waits for it forever (info where the dependent is suspended).' },
  DEPENDS_ON_SELF: { severities: ['error'], areas: ['graph'], aboutObject: true, summary: 'An object depends on itself; Flux never reconciles it.' },
  DEPENDS_ON_INVALID: { severities: ['error'], areas: ['graph'], aboutObject: true, summary: 'A `dependsOn` entry is written as a bare string (`- apps`); Flux\'s API wants an object (`- name: apps`) and refuses the Kustomization or HelmRelease as written.' },
  DEPENDS_ON_CYCLE: { severities: ['error'], areas: ['graph'], aboutObject: true, summary: 'A cycle of `dependsOn` entries: none of its members can become ready.' },
  DEPENDS_ON_CYCLE_LIMIT: { severities: ['warning'], areas: ['graph'], summary: 'More dependency cycles than are listed; only the first are reported.' },
  DEPENDED_ON_WITHOUT_WAIT: {
    severities: ['warning'],
    areas: ['graph'],
    summary: 'A Kustomization others depend on has neither `wait: true` nor healthChecks, so its dependents start before it is ready.',
  },
  ORPHAN_KUSTOMIZATION: { severities: ['info'], areas: ['graph'], summary: 'A Flux Kustomization is not reached from any cluster root, so Flux never applies it.' },
  SUBSTITUTE_FROM_UNORDERED: { severities: ['warning', 'error'], areas: ['graph'], summary: 'A Kustomization substitutes from a Secret an ExternalSecret makes: of another Kustomization it does not depend on (warning), or of its own build, so it never builds (error).' },
  IMPLICIT_DEPENDENCY_MISSING: {
    severities: ['warning'],
    areas: ['graph'],
    summary: 'An object needs another app first (a Longhorn claim needs Longhorn, a ServiceMonitor the Prometheus CRDs), and nothing orders it after that app.',
    details: 'Only what Flux installs counts: releases of a bootstrap helmfile, `helm install` / `kubectl apply` in bootstrap scripts, CRDs under `bootstrap/` and comments saying so are installed before Flux. The message names the `dependsOn` entry to add.',
  },
  CRD_IN_SAME_BUILD: {
    severities: ['info'],
    areas: ['graph'],
    summary: "A Kustomization applies an operator's resources with the HelmRelease whose chart installs their CRDs: on a fresh cluster its dry-run fails, unless they are installed before Flux.",
  },
  IMPLICIT_DEPENDENCY_UNDECLARED: {
    severities: ['info'],
    areas: ['graph'],
    summary: 'Several Kustomizations need an app first and none in the repository declares it: one note instead of a warning each.',
    details: 'The ordering is done outside Flux (a bootstrap step this repository does not hold) or not at all.',
  },

  // secrets
  HARDCODED_CREDENTIAL: {
    severities: ['error'],
    areas: ['secrets'],
    aboutGit: true,
    summary: 'A literal value that looks like a credential is committed in plain text; the value is never shown.',
    details: 'Judged by the key (password, token, api key ...) and the shape of the value: placeholders, `${VAR}` substitutions, references to secrets, values too short to be a credential (fewer than four characters, four under a key that names no password: a search shortcut `token: y`) and values in documentation or CI files are not reported. Move the value to a SOPS-encrypted Secret or an ExternalSecret, and rotate it.',
  },
  SEALED_SECRET_MOVED: { severities: ['warning'], areas: ['secrets'], summary: 'A SealedSecret is applied under another namespace (or, strict, another name) than it was sealed for: the controller cannot unseal it.' },
  SECRET_DATA_NOT_BASE64: { severities: ['error'], areas: ['secrets'], summary: "A value of a Secret's `data` is no base64: the API server refuses the Secret, and the apply of its Kustomization fails." },
  PLAIN_SECRET: { severities: ['error'], areas: ['secrets'], aboutGit: true, summary: 'A Secret is committed unencrypted with literal values; the values are never shown.' },
  PLAIN_SECRET_UNVERIFIED: {
    severities: ['warning'],
    areas: ['secrets'],
    summary: 'An unencrypted Secret holds file contents that were redacted unread; check by hand that they carry only `${VAR}` substitutions.',
  },
  PLAIN_SECRET_TEMPLATED: { severities: ['info'], areas: ['secrets'], summary: 'A Secret is unencrypted by design: its values are `${VAR}` substitutions or templates filled in elsewhere.' },
  SOPS_NOT_ENCRYPTED: { severities: ['error'], areas: ['secrets'], summary: 'A `.sops.yaml` creation rule covers a file that has no sops metadata: it is committed in plain text.' },
  SOPS_VALUE_NOT_ENCRYPTED: {
    severities: ['error'],
    areas: ['secrets'],
    summary: 'A value inside a SOPS-encrypted file is plain text: written in after encryption where the file\'s own sops settings say it is encrypted, or in a commented-out document.',
    details: 'Judged by the file\'s `sops:` metadata as sops applies it: a value under a key ending in `unencrypted_suffix` (`_unencrypted` by default), matching `unencrypted_regex`, outside `encrypted_regex` or `encrypted_suffix`, or after a comment `unencrypted_comment_regex` matches is plain by design and not reported.',
  },
  SOPS_MISSING_RECIPIENTS: { severities: ['warning'], areas: ['secrets'], summary: 'A SOPS file is not encrypted for every recipient its `.sops.yaml` creation rule declares (the nearest `.sops.yaml` above the file governs it).' },
  SOPS_EXTRA_RECIPIENTS: { severities: ['warning'], areas: ['secrets'], summary: 'A SOPS file is still encrypted for a recipient its creation rule no longer lists.' },
  SOPS_FILE_OUTSIDE_RULE: {
    severities: ['warning'],
    areas: ['secrets'],
    summary: 'A SOPS file has the recipients and settings of one creation rule, but its path matches another: `sops updatekeys` would re-key it for the wrong rule.',
    details: 'Typically a file renamed out of its rule\'s `path_regex` (no `.sops.` in its name) that only a catch-all rule matches. Its keys are right; rename the file, or widen the rule\'s `path_regex`, rather than re-keying it.',
  },
  SOPS_CIPHERTEXT_WITHOUT_METADATA: { severities: ['warning'], areas: ['secrets'], summary: 'A Secret holds SOPS ciphertext (`ENC[...]`) but no `sops:` block: nothing can decrypt it, and Flux applies the `ENC[...]` text as the value.' },
  SOPS_RULE_INVALID_REGEX: { severities: ['warning'], areas: ['secrets'], summary: 'A `.sops.yaml` creation rule\'s `path_regex` cannot be read; no file is matched against it.' },
  EXTERNALSECRET_STORE_MISSING: { severities: ['warning'], areas: ['secrets'], summary: 'An ExternalSecret (or a ClusterExternalSecret, or a PushSecret, which writes to stores) names no store, or a SecretStore/ClusterSecretStore the repository does not define.' },
  EXTERNALSECRET_NO_REFRESH_INTERVAL: { severities: ['info'], areas: ['secrets'], summary: 'An ExternalSecret sets no `refreshInterval`, so a rotated value reaches the cluster up to the operator\'s default later.' },

  // health
  BACKUP_MISSING: {
    severities: ['warning'],
    areas: ['backup'],
    summary: 'A PersistentVolumeClaim is backed up by none of k8up, Velero, Longhorn, VolSync or kopiur.',
    details: 'NFS/CIFS shares and caches are not applicable, and an app with a Litestream sidecar backs itself up. A claim without `storageClassName` takes the default StorageClass.',
  },
  BACKUP_PARTIAL: { severities: ['info'], areas: ['backup'], summary: 'A claim is not backed up while the app\'s other claims are: fine if its data can be re-created.' },
  BACKUP_OVERLAP: { severities: ['info'], areas: ['backup'], summary: 'A claim is backed up by three or more systems; one or two are usually enough.' },
  MONITORING_MISSING: {
    severities: ['info'],
    areas: ['monitoring'],
    summary: 'An app running a known operator has no ServiceMonitor, PodMonitor or PrometheusRule, none is enabled in its Helm values, and no other app scrapes it.',
    details: 'Reported only where the repository runs a Prometheus stack (nothing reads ServiceMonitors otherwise), and only for apps whose HelmReleases are deployed. Monitors switched on in values at any depth (`serviceMonitor.enabled`), monitors other apps ship for it, and charts that create their monitors by default count.',
  },
  NETWORK_POLICY_MISSING: { severities: ['info'], areas: ['network'], summary: 'A namespace has no NetworkPolicy or CiliumNetworkPolicy: every pod in it accepts traffic from anywhere.' },
  KYVERNO_EXCEPTION_UNKNOWN_POLICY: { severities: ['info'], areas: ['policy'], summary: 'A Kyverno PolicyException waives a policy that no Kyverno policy in the repository is named.' },
  IMAGE_TAG_LATEST: { severities: ['warning'], areas: ['versions'], summary: 'An image uses `latest` or another tag that moves (`stable`, `master`, `nightly`), or (app-template) no tag at all, and no digest.' },
  IMAGE_TAG_NOT_STRING: { severities: ['warning'], areas: ['versions'], summary: 'An image tag in HelmRelease values is written as a YAML float (`tag: 1.20`): Helm receives the number, so the pod pulls `repo:1.2`; quote the tag.' },
  IMAGE_DIGEST_INVALID: { severities: ['warning'], areas: ['versions'], summary: 'An image is pinned with `@` to something that is no digest (`@sha256-...`, a short hash): the reference is invalid, and the pod cannot pull it (InvalidImageName).' },
  FIELD_NOT_A_MAP: { severities: ['error'], areas: ['flux'], aboutObject: true, summary: "An object's labels or annotations (a ConfigMap's or Secret's data) are written as a list, not a mapping; the API server refuses the object, so the apply of the Kustomization fails." },
  OBJECT_FIELD_UNKNOWN: { severities: ['error'], areas: ['flux'], aboutObject: true, summary: 'An object of a kind whose fields are known (Flux kinds, workloads, Services, ...) has a top-level key its API lacks (`annotations:` beside `metadata:`): server-side apply refuses it.' },
  METADATA_FIELD_UNKNOWN: { severities: ['error'], areas: ['flux'], aboutObject: true, summary: 'An object\'s metadata has a key Kubernetes metadata does not have (`annotation:`); Flux\'s server-side apply refuses it, so the apply of its Kustomization fails.' },
  VALUE_NOT_STRING: { severities: ['error'], areas: ['flux'], aboutObject: true, summary: 'A ConfigMap\'s data or a label is written as a number or a boolean (`PORT: 8080`); Kubernetes takes only strings there, so the apply of the Kustomization fails.' },
  API_VERSION_UNSERVED: {
    severities: ['error', 'warning'],
    areas: ['versions'],
    aboutObject: true,
    summary: 'A Flux object, or a health check of a Flux Kustomization, names a version of its kind that Flux never served (a HelmRelease in helm.toolkit.fluxcd.io/v1beta2): the API server has no such kind.',
    details: 'An object of that version is refused ("no matches for kind"), so the apply of the Kustomization that deploys it fails (an error). A `spec.healthChecks` entry of that version can never be checked, so the Kustomization never becomes Ready and what depends on it waits (a warning). Versions newer than those this release of GitOps Atlas knows are not judged.',
  },
  KIND_MISCASED: { severities: ['error'], areas: ['versions'], aboutObject: true, summary: 'An object of a built-in Kubernetes API says its kind in the wrong case (`kind: namespace` in v1): kinds are case-sensitive, the API server has no such kind, and the apply of the Kustomization that deploys it fails.' },
  DEPRECATED_API_VERSION: { severities: ['warning'], areas: ['versions'], aboutObject: true, summary: 'An object uses a deprecated API version; the message names the replacement.' },
  RETENTION_EXCEEDS_VOLUME: { severities: ['warning'], areas: ['retention'], summary: 'Prometheus, Loki, VictoriaMetrics or VictoriaLogs may keep more (`retentionSize`) than its volume holds: the disk fills before retention deletes anything.' },
  RETENTION_UNDERUSES_VOLUME: { severities: ['info'], areas: ['retention'], summary: 'Prometheus, Loki, VictoriaMetrics or VictoriaLogs keeps less than a fifth of what its volume holds.' },
  PRIVATE_ADDRESS_ON_PUBLIC_SITE: {
    severities: ['warning'],
    areas: ['privacy'],
    summary: 'The public site would show private addresses (RFC 1918, internal host names, NFS paths) from this file.',
    details: 'Reported only when `site` is a public URL and `maskPrivate` is off. Set `maskPrivate: true` (or `noindex`, or publish privately) if that is not intended.',
  },

  // roadmap
  ROADMAP_NOT_FOUND: { severities: ['warning'], areas: ['roadmap'], summary: '`roadmap.file` names a file the repository does not have.' },
  ROADMAP_TOO_LARGE: { severities: ['warning'], areas: ['roadmap'], summary: 'The roadmap file is too large to read.' },
  ROADMAP_PARSER_ERROR: { severities: ['error'], areas: ['roadmap'], summary: 'The roadmap parser failed: a bug in GitOps Atlas; please report it.' },
  ROADMAP_UNPARSED: {
    severities: ['info', 'warning'],
    areas: ['roadmap'],
    summary: 'Lines of the roadmap were not understood and are shown as text.',
    details: 'A warning when nothing at all was understood (no item, plan or completed list), a note otherwise.',
  },
  ROADMAP_DUPLICATE_ID: { severities: ['warning'], areas: ['roadmap'], summary: 'Two roadmap items share an id; the later one is published under a numbered slug.' },
  ROADMAP_STATUS_UNKNOWN: { severities: ['info'], areas: ['roadmap'], summary: 'A roadmap item has no **Status** line, or one that is not understood.' },
  ROADMAP_MOJIBAKE_REPAIRED: { severities: ['info'], areas: ['roadmap'], summary: 'Garbled characters (UTF-8 read as Mac Roman or Windows-1252) in the roadmap were repaired; save it as UTF-8.' },
  ROADMAP_UNKNOWN_CHECK: { severities: ['warning'], areas: ['roadmap'], summary: 'A roadmap item names a check (in the item or `roadmap.checks`) that does not exist.' },
  ROADMAP_STATUS_MISMATCH: { severities: ['warning'], areas: ['roadmap'], summary: 'A roadmap item\'s status contradicts what the repository measures (e.g. Completed, but measured at 40%).' },
  ROADMAP_STATUS_DRIFT: { severities: ['info'], areas: ['roadmap'], summary: 'A roadmap item says Not Started, but the repository shows progress on it.' },
  ROADMAP_DECLARED_INCONSISTENT: { severities: ['warning'], areas: ['roadmap'], summary: 'The roadmap\'s declared progress (counts, completion rate) contradicts itself.' },
  ROADMAP_DECLARED_OUTDATED: { severities: ['info'], areas: ['roadmap'], summary: 'The roadmap lists more completed items than its declared completion rate counts.' },
  ROADMAP_STALE: {
    severities: ['info'],
    areas: ['roadmap'],
    summary: 'The roadmap\'s next review date has passed, or it was last updated long before the latest change to the manifests.',
    details: 'Judged against the date of the commit the site is built from (`roadmap.today` to override), never the clock; the gap is `roadmap.staleAfterDays`.',
  },

  // changelog
  NO_GIT_HISTORY: { severities: ['info'], areas: ['changelog'], summary: 'No git history could be read; the changelog shows only hand-written entries.' },
  CHANGELOG_HISTORY_TRUNCATED: { severities: ['info'], areas: ['changelog'], summary: 'The changelog stops at `changelog.maxCommits` commits or `changelog.maxAgeDays` days.' },
  CHANGELOG_DIFF_TRUNCATED: { severities: ['info'], areas: ['changelog'], summary: 'Commits changed so many lines of HelmRelease or values files that only the first were read.' },
  CHANGELOG_FILE_MISSING: { severities: ['warning'], areas: ['changelog'], summary: '`changelog.file` names a file the repository does not have.' },
  CHANGELOG_TOO_LARGE: { severities: ['warning'], areas: ['changelog'], summary: 'The hand-written changelog is too large to read.' },
  CHANGELOG_HEADING_NOT_A_DATE: { severities: ['warning'], areas: ['changelog'], summary: 'A heading of the hand-written changelog is not a YYYY-MM-DD date; its bullets are left out.' },
  CHANGELOG_BULLET_WITHOUT_DATE: { severities: ['warning'], areas: ['changelog'], summary: 'A bullet of the hand-written changelog is not under a `## YYYY-MM-DD` heading; it is left out.' },
  CHANGELOG_MARKER_UNCLOSED: { severities: ['warning'], areas: ['changelog'], summary: 'A BEGIN ATLAS marker in the changelog has no END; everything after it is treated as generated.' },
  GIT_COMMIT_DATE_UNREADABLE: { severities: ['warning'], areas: ['changelog'], summary: 'A commit\'s date could not be read; it is left out of the changelog.' },
  GIT_LOG_LINE_UNREADABLE: { severities: ['warning'], areas: ['changelog'], summary: 'A line of `git log` output could not be read; it was skipped.' },

  // docs: Markdown, front matter, runbooks
  BROKEN_DOC_LINK: { severities: ['warning'], areas: ['docs'], summary: 'A link or image in the repository\'s Markdown points to nothing.' },
  DOC_IMAGE_SKIPPED: { severities: ['warning'], areas: ['docs'], summary: 'An image in the repository\'s Markdown is not shown (not PNG, JPEG, GIF, WebP or SVG, too large, or unreadable).' },
  DOC_TOO_LARGE: { severities: ['warning'], areas: ['docs'], summary: 'A Markdown document is too large to publish; split it.' },
  DOC_UNREADABLE: { severities: ['warning'], areas: ['docs'], summary: 'A Markdown document could not be read (missing, too large, or a link that leaves the repository).' },
  DOC_URL_COLLISION: { severities: ['info'], areas: ['docs'], summary: 'Two documents map to the same page; the second is published under another URL.' },
  MARKDOWN_NOT_RENDERED: { severities: ['warning'], areas: ['docs'], summary: 'Markdown was shown as plain text because it could not be rendered safely.' },
  UNSAFE_URL_REMOVED: { severities: ['warning'], areas: ['docs'], summary: 'A link with a scheme that could run code in a browser (`javascript:`) was removed.' },
  FRONT_MATTER_UNCLOSED: { severities: ['warning'], areas: ['docs'], summary: 'A file starts with `---` but no closing `---` follows; it was read without front matter.' },
  FRONT_MATTER_INVALID: { severities: ['warning'], areas: ['docs'], summary: 'Front matter is not valid YAML; it was ignored.' },
  FRONT_MATTER_NOT_A_MAP: { severities: ['warning'], areas: ['docs'], summary: 'Front matter is not a YAML mapping (key: value lines); it was ignored.' },
  RUNBOOK_ATLAS_ID_UNKNOWN: { severities: ['warning'], areas: ['docs'], summary: 'A hand-written runbook\'s `atlas:` front matter names no generated runbook.' },
  MARKERS_DUPLICATED: { severities: ['error'], areas: ['docs'], summary: 'A file has more than one BEGIN ATLAS or END ATLAS marker; atlas export leaves it untouched.' },
  MARKERS_REVERSED: { severities: ['error'], areas: ['docs'], summary: 'END ATLAS comes before BEGIN ATLAS; atlas export leaves the file untouched.' },
  MARKERS_UNPAIRED: { severities: ['error'], areas: ['docs'], summary: 'A BEGIN ATLAS or END ATLAS marker has no partner; atlas export leaves the file untouched.' },
  GENERATED_MARKER_ESCAPED: { severities: ['warning'], areas: ['docs'], summary: 'Generated text held a line that looks like an ATLAS marker; it was escaped.' },

  // export: atlas export refusing to write
  EXPORT_TARGET_OUTSIDE_REPO: { severities: ['error'], areas: ['export'], summary: 'An export target is not a plain path inside the repository, or its folder resolves outside it; not written.' },
  EXPORT_TARGET_SYMLINK: { severities: ['error'], areas: ['export'], summary: 'An export target or one of its folders is a symbolic link; atlas export never writes through a link.' },
  EXPORT_TARGET_NOT_A_FILE: { severities: ['error'], areas: ['export'], summary: 'An export target is a folder or a special file, or a folder on its path is a file; not written.' },
  EXPORT_TARGET_TOO_LARGE: { severities: ['error'], areas: ['export'], summary: 'An export target is larger than atlas export edits; not written.' },
  EXPORT_TARGET_UNREADABLE: { severities: ['error'], areas: ['export'], summary: 'An export target could not be read; not written.' },
  EXPORT_ENCODING_UNSUPPORTED: { severities: ['error'], areas: ['export'], summary: 'An export target is not UTF-8 (UTF-16, binary, invalid bytes); not written, so the text outside the markers stays as it is.' },
  EXPORT_WRITE_FAILED: { severities: ['error'], areas: ['export'], summary: 'Writing an export target failed.' },
} as const satisfies Record<string, FindingInfo>;

/** Every code GitOps Atlas emits. */
export type FindingCode = keyof typeof FINDING_CODES;

export const FINDING_CODE_LIST = Object.keys(FINDING_CODES).sort() as FindingCode[];

export function isFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(FINDING_CODES, code);
}

export function findingInfo(code: FindingCode): FindingInfo {
  return FINDING_CODES[code];
}

/** Path of the guide's list of findings, base-free. */
export const FINDINGS_GUIDE_PATH = '/guide/findings/';

/** The heading id of a code on the guide page (the slug Starlight gives the heading `CODE`). */
export function findingAnchor(code: FindingCode): string {
  return code.toLowerCase();
}

/** Known codes nearest to an unknown one (edit distance), for "did you mean" in configuration errors. */
export function nearestFindingCodes(code: string, max = 1): FindingCode[] {
  const wanted = code.trim().toUpperCase();
  const scored = FINDING_CODE_LIST.map((c) => ({ c, d: editDistance(wanted, c) }));
  scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  return scored.slice(0, max).map((s) => s.c);
}

