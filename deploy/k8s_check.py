#!/usr/bin/env python3
"""Checks the rendered deploy/k8s kustomization and turns it into what
`podman kube play` (4.3) accepts.

  k8s_check.py check RENDERED.yaml DOCKERFILE INGEST_IMAGE QUERY_IMAGE INGEST_FLAGS QUERY_FLAGS
      Exit 1 with one line per problem. INGEST_FLAGS/QUERY_FLAGS: files with the
      services' --helpfull output (every ACCORD_<FLAG> env var must name a flag).
  k8s_check.py play RENDERED.yaml PREFIX INGEST_PORT QUERY_PORT [QUERY_PORT...]
      Prints the kube play YAML (see play()).
"""
import re
import sys

import yaml


def load(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d]


def dockerfile_stages(path):
    """{stage: {"expose": [...], "user": ..., "entrypoint": ..., "env": {...}}}, inheriting FROM a stage."""
    stages, cur = {}, None
    text = open(path).read().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        word = word.upper()
        if word == "FROM":
            m = re.match(r"(\S+)(?:\s+AS\s+(\S+))?", rest, re.I)
            base, name = m.group(1), (m.group(2) or "").lower()
            parent = stages.get(base.lower(), {"expose": [], "user": "root", "entrypoint": None, "env": {}})
            cur = {"expose": list(parent["expose"]), "user": parent["user"],
                   "entrypoint": parent["entrypoint"], "env": dict(parent["env"])}
            stages[name] = cur
        elif word == "EXPOSE":
            cur["expose"] += [int(p.split("/")[0]) for p in rest.split()]
        elif word == "USER":
            cur["user"] = rest.strip()
        elif word == "ENTRYPOINT":
            cur["entrypoint"] = yaml.safe_load(rest)
        elif word == "ENV":
            for k, v in re.findall(r"(\w+)=(\S+)", rest):
                cur["env"][k] = v
    return stages


def check(rendered, dockerfile, ingest_image, query_image, ingest_flags, query_flags):
    docs = load(rendered)
    stages = dockerfile_stages(dockerfile)
    errors = []

    def err(msg):
        errors.append(msg)

    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    for kind in ("StatefulSet", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"):
        if kind not in by_kind:
            err(f"no {kind} rendered")
    if errors:
        return errors
    sts = [d for d in by_kind["StatefulSet"] if d["metadata"]["name"] == "accord-ingest"]
    dep = [d for d in by_kind["Deployment"] if d["metadata"]["name"] == "accord-query"]
    if len(sts) != 1 or len(dep) != 1:
        return ["want StatefulSet accord-ingest and Deployment accord-query"]
    sts, dep = sts[0], dep[0]
    services = {s["metadata"]["name"]: s for s in by_kind["Service"]}

    if sts["spec"].get("replicas", 1) != 1:
        err("accord-ingest must have exactly 1 replica (the single writer)")
    if dep["spec"].get("replicas", 1) < 2:
        err("accord-query should run several replicas")
    claims = {t["metadata"]["name"] for t in sts["spec"].get("volumeClaimTemplates", [])}
    if not claims:
        err("accord-ingest has no volumeClaimTemplates (its store needs a PVC)")

    flags = {"ingest": open(ingest_flags).read(), "query": open(query_flags).read()}
    images = {"ingest": ingest_image, "query": query_image}
    ports = {}
    for role, wl in (("ingest", sts), ("query", dep)):
        name = wl["metadata"]["name"]
        pod = wl["spec"]["template"]["spec"]
        stage = stages.get(role)
        if stage is None:
            err(f"Dockerfile has no stage '{role}'")
            continue
        sel = wl["spec"]["selector"]["matchLabels"]
        labels = wl["spec"]["template"]["metadata"]["labels"]
        if any(labels.get(k) != v for k, v in sel.items()):
            err(f"{name}: selector {sel} does not match the pod labels {labels}")
        psc = pod.get("securityContext", {})
        uid = stage["user"].split(":")[0]
        if psc.get("runAsNonRoot") is not True:
            err(f"{name}: pod securityContext.runAsNonRoot is not true")
        if str(psc.get("runAsUser")) != uid:
            err(f"{name}: runAsUser {psc.get('runAsUser')} != Dockerfile USER {stage['user']}")
        if str(psc.get("fsGroup")) != stage["user"].split(":")[-1]:
            err(f"{name}: fsGroup {psc.get('fsGroup')} != the Dockerfile's group {stage['user']}")
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        containers = pod.get("containers", [])
        if len(containers) != 1:
            err(f"{name}: want one container")
            continue
        c = containers[0]
        if c.get("image") != images[role]:
            err(f"{name}: image {c.get('image')} != {images[role]} (built from Dockerfile target {role})")
        if c.get("command"):
            err(f"{name}: overrides the image ENTRYPOINT {stage['entrypoint']}")
        cports = [p["containerPort"] for p in c.get("ports", [])]
        if cports != stage["expose"]:
            err(f"{name}: containerPorts {cports} != Dockerfile EXPOSE {stage['expose']}")
        port = cports[0] if cports else None
        ports[role] = port
        env = {e["name"]: e.get("value") for e in c.get("env", [])}
        for var in env:
            if not var.startswith("ACCORD_"):
                continue
            flag = var[len("ACCORD_"):].lower()
            if not re.search(r"--" + re.escape(flag) + r"\b", flags[role]):
                err(f"{name}: env {var} names no flag --{flag} of accord-{role}")
        listen = env.get("ACCORD_LISTEN", stage["env"].get("ACCORD_LISTEN", ""))
        if not listen.endswith(f":{port}"):
            err(f"{name}: ACCORD_LISTEN {listen!r} does not listen on containerPort {port}")
        if listen.startswith("127.") or listen.startswith("localhost"):
            err(f"{name}: ACCORD_LISTEN {listen!r} is loopback only: probes and Services cannot reach it")
        data_dir = env.get("ACCORD_DATA_DIR", stage["env"].get("ACCORD_DATA_DIR"))
        mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
        if data_dir not in mounts:
            err(f"{name}: data dir {data_dir} is not a mounted volume")
        else:
            vol = mounts[data_dir]
            if role == "ingest" and vol not in claims:
                err(f"{name}: {data_dir} is not on a volumeClaimTemplate PVC")
            if role == "query" and not ("emptyDir" in volumes.get(vol, {}) or
                                        "persistentVolumeClaim" in volumes.get(vol, {})):
                err(f"{name}: {data_dir} is neither an emptyDir nor a PVC")
        for probe in ("livenessProbe", "readinessProbe"):
            p = c.get(probe)
            if not p or "grpc" not in p:
                err(f"{name}: no native gRPC {probe}")
            elif p["grpc"].get("port") != port:
                err(f"{name}: {probe} port {p['grpc'].get('port')} != containerPort {port}")
        if "startupProbe" in c and c["startupProbe"].get("grpc", {}).get("port") != port:
            err(f"{name}: startupProbe is not gRPC on {port}")
        res = c.get("resources", {})
        for kind in ("requests", "limits"):
            for r in ("cpu", "memory"):
                if r not in res.get(kind, {}):
                    err(f"{name}: resources.{kind}.{r} not set")
        csc = c.get("securityContext", {})
        if csc.get("readOnlyRootFilesystem") is not True:
            err(f"{name}: readOnlyRootFilesystem is not true")
        if csc.get("allowPrivilegeEscalation") is not False:
            err(f"{name}: allowPrivilegeEscalation is not false")
        if "ALL" not in csc.get("capabilities", {}).get("drop", []):
            err(f"{name}: capabilities are not all dropped")
        grace = pod.get("terminationGracePeriodSeconds", 30)
        sg = env.get("ACCORD_SHUTDOWN_GRACE", "10s")
        if sg.endswith("s") and sg[:-1].isdigit() and int(sg[:-1]) >= grace:
            err(f"{name}: --shutdown_grace {sg} does not fit in terminationGracePeriodSeconds {grace}")

    # Services: ports and selectors agree with the workloads; one headless for the query replicas.
    def selects(svc, wl):
        labels = wl["spec"]["template"]["metadata"]["labels"]
        sel = svc["spec"].get("selector", {})
        return sel and all(labels.get(k) == v for k, v in sel.items())

    headless_query = False
    for sname, svc in services.items():
        for role, wl in (("ingest", sts), ("query", dep)):
            if not selects(svc, wl):
                continue
            c = wl["spec"]["template"]["spec"]["containers"][0]
            named = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
            for sp in svc["spec"]["ports"]:
                tp = sp.get("targetPort", sp["port"])
                tp = named.get(tp, tp)
                if tp != ports.get(role):
                    err(f"Service {sname}: targetPort {sp.get('targetPort')} is not accord-{role}'s port {ports.get(role)}")
            if role == "query" and svc["spec"].get("clusterIP") == "None":
                headless_query = True
    if not headless_query:
        err("no headless Service (clusterIP: None) selecting the query replicas")
    if sts["spec"].get("serviceName") not in services:
        err(f"StatefulSet serviceName {sts['spec'].get('serviceName')} is not a rendered Service")
    qenv = {e["name"]: e.get("value") for e in dep["spec"]["template"]["spec"]["containers"][0].get("env", [])}
    target = qenv.get("ACCORD_INGEST", "")
    host, _, tport = target.rpartition(":")
    svc = services.get(host.split(".")[0])
    if not svc or not selects(svc, sts) or int(tport or 0) not in [p["port"] for p in svc["spec"]["ports"]]:
        err(f"accord-query ACCORD_INGEST={target!r} is not a Service port of accord-ingest")

    hpas = [h for h in by_kind["HorizontalPodAutoscaler"]
            if h["spec"]["scaleTargetRef"].get("kind") == "Deployment"
            and h["spec"]["scaleTargetRef"].get("name") == "accord-query"]
    if not hpas:
        err("no HorizontalPodAutoscaler for Deployment accord-query")
    elif not any(m.get("resource", {}).get("name") == "cpu" for m in hpas[0]["spec"].get("metrics", [])):
        err("the HPA does not scale on cpu")
    elif hpas[0]["spec"].get("minReplicas", 1) < 2:
        err("the HPA lets the query replicas fall below 2")
    pdbs = [p for p in by_kind["PodDisruptionBudget"]
            if all(dep["spec"]["template"]["metadata"]["labels"].get(k) == v
                   for k, v in p["spec"]["selector"]["matchLabels"].items())]
    if not pdbs:
        err("no PodDisruptionBudget selecting the query replicas")
    return errors


def grpc_to_exec(probe, port):
    """podman kube play 4.3 ignores grpc probes; run the same check with the image's probe."""
    if not probe or "grpc" not in probe:
        return probe
    probe = dict(probe)
    grpc = probe.pop("grpc")
    cmd = ["/usr/local/bin/accord-health-probe", f"--addr=127.0.0.1:{port}", "--timeout=3s"]
    if grpc.get("service"):
        cmd.append("--service=" + grpc["service"])
    probe["exec"] = {"command": cmd}
    return probe


def adapt_pod_spec(spec, prefix, pod_name, listen_port, ingest_port=None):
    """Host network with loopback ports (no cluster DNS or Services under podman),
    per-pod volume names (podman 4.3 names an emptyDir volume by its volume name,
    so replicas would share it), grpc probes as exec probes."""
    spec = dict(spec)
    spec["hostNetwork"] = True
    spec.pop("affinity", None)
    rename = {v["name"]: f"{prefix}{pod_name}-{v['name']}" for v in spec.get("volumes", [])}
    spec["volumes"] = [dict(v, name=rename[v["name"]]) for v in spec.get("volumes", [])]
    containers = []
    for c in spec["containers"]:
        c = dict(c)
        env = [e for e in c.get("env", []) if e["name"] not in ("ACCORD_LISTEN", "ACCORD_INGEST")]
        env.append({"name": "ACCORD_LISTEN", "value": f"127.0.0.1:{listen_port}"})
        if ingest_port is not None:
            env.append({"name": "ACCORD_INGEST", "value": f"127.0.0.1:{ingest_port}"})
        c["env"] = env
        c["ports"] = []  # host network: nothing to publish
        for p in ("livenessProbe", "readinessProbe", "startupProbe"):
            if p in c:
                c[p] = grpc_to_exec(c[p], listen_port)
        c["volumeMounts"] = [dict(m, name=rename.get(m["name"], m["name"])) for m in c.get("volumeMounts", [])]
        containers.append(c)
    spec["containers"] = containers
    return spec, rename


def play(rendered, prefix, ingest_port, query_ports):
    """The rendered workloads as podman kube play input:
    - StatefulSet accord-ingest -> its PVC (named as Kubernetes would:
      data-accord-ingest-0) and Pod accord-ingest-0;
    - Deployment accord-query -> one single-replica Deployment per query port
      (each with its own emptyDir data dir and port);
    - Services, HPA, PDB are dropped (podman has no equivalent; the test calls
      the pods directly and balances nothing).
    Names get PREFIX so parallel runs do not collide."""
    out, dropped = [], []
    for d in load(rendered):
        kind, name = d["kind"], d["metadata"]["name"]
        if kind == "StatefulSet":
            pod_name = f"{name}-0"
            spec, rename = adapt_pod_spec(d["spec"]["template"]["spec"], prefix, pod_name, ingest_port)
            for t in d["spec"].get("volumeClaimTemplates", []):
                claim = f"{prefix}{t['metadata']['name']}-{pod_name}"
                out.append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                            "metadata": {"name": claim}, "spec": t["spec"]})
                spec["volumes"].append({"name": t["metadata"]["name"], "persistentVolumeClaim": {"claimName": claim}})
            out.append({"apiVersion": "v1", "kind": "Pod",
                        "metadata": {"name": prefix + pod_name,
                                     "labels": d["spec"]["template"]["metadata"].get("labels", {})},
                        "spec": spec})
        elif kind == "Deployment":
            for i, qport in enumerate(query_ports):
                rname = f"{name}-r{i}"
                spec, _ = adapt_pod_spec(d["spec"]["template"]["spec"], prefix, rname, qport, ingest_port)
                out.append({"apiVersion": "apps/v1", "kind": "Deployment",
                            "metadata": {"name": prefix + rname, "labels": d["metadata"].get("labels", {})},
                            "spec": {"replicas": 1, "selector": d["spec"]["selector"],
                                     "template": {"metadata": d["spec"]["template"]["metadata"], "spec": spec}}})
        else:
            dropped.append(f"{kind}/{name}")
    print("# not for podman kube play: " + ", ".join(dropped), file=sys.stderr)
    return yaml.safe_dump_all(out, sort_keys=False)


def main(argv):
    if len(argv) == 8 and argv[1] == "check":
        errors = check(*argv[2:8])
        for e in errors:
            print("k8s check: " + e)
        if not errors:
            print("k8s check: rendered objects OK")
        return 1 if errors else 0
    if len(argv) >= 6 and argv[1] == "play":
        sys.stdout.write(play(argv[2], argv[3], int(argv[4]), [int(p) for p in argv[5:]]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
