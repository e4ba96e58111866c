# gMSA Portal container image, on the layered jar: build the jar first, then the image where an engine exists.
#   ./mvnw -B package -DskipTests
#   docker build -t gmsa-portal:0.1.0 .
# ImageEntrypointTests runs the same extraction, entry point and JAVA_TOOL_OPTIONS on every ./mvnw verify, on a Java
# of the base image's version. The portal is built for Java 17 (bytecode and build JDK); the image runs it on Java 25
# for the AOT cache below, which Java 17 does not have.
FROM eclipse-temurin:25-jre AS layers
WORKDIR /build
COPY target/gmsa-portal-*.jar gmsa-portal.jar
# Without --launcher: application/gmsa-portal.jar (named after the jar), whose manifest names the jars in lib/, so
# every class comes from the application class loader and can go into the AOT cache below.
RUN java -Djarmode=tools -jar gmsa-portal.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
# A fixed non-root uid/gid, so Kubernetes' runAsNonRoot can check it and volumes can be owned by it.
RUN groupadd --system --gid 10001 gmsa \
	&& useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/gmsa-portal --no-create-home gmsa \
	&& mkdir -p /var/lib/gmsa-portal && chown 10001:10001 /var/lib/gmsa-portal
# Least to most often changed, so a new build of the portal's own classes reuses the dependency layers.
COPY --from=layers /build/extracted/dependencies/ /app/
COPY --from=layers /build/extracted/spring-boot-loader/ /app/
COPY --from=layers /build/extracted/snapshot-dependencies/ /app/
COPY --from=layers /build/extracted/application/ /app/
COPY src/main/docker/entrypoint.sh /app/entrypoint.sh
# Fits a 512 MiB container: half of the limit for the heap leaves room for metaspace (83 MiB under load: the portal
# loads some 15,000 classes), the code cache and 50 users' worth of Tomcat threads. The serial collector is the one
# the JVM picks by itself in a container of less than 2 GiB, named here so that a bench outside a container (which
# would pick G1, with its remembered sets and concurrent threads) measures the same JVM, and so that the AOT cache
# below is trained with the collector it is used with; MALLOC_ARENA_MAX stops glibc from giving each request thread
# its own malloc arena. ImageEntrypointTests measures the resident set once ready; scripts/bench.sh p3 samples it
# under 50 users (README, Performance bench). An OutOfMemoryError stops the JVM so that Kubernetes restarts the pod
# instead of keeping a half-working portal. /tmp (Tomcat's work directory) and /var/lib/gmsa-portal are the only
# writable paths: with readOnlyRootFilesystem mount an emptyDir (or a volume) on each.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
	MALLOC_ARENA_MAX=2 \
	GMSA_APP_DIR=/app \
	GMSA_DATA_DIR=/var/lib/gmsa-portal \
	LOG_FORMAT=ecs
# The AOT cache (JEP 483, 514, 515): a training start (up to the context refresh, on a throwaway H2 database) records
# the classes the portal loads and links and the profiles of the methods it runs into /app/gmsa-portal.aot, which
# every start then maps instead of loading, verifying and linking them again, and the JIT starts from those profiles
# (README, Performance bench). Built here, on these exact files, this JVM and these options, as the cache is refused
# (and the start merely slower) if any differs.
RUN /app/entrypoint.sh --train-aot-cache
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["/app/entrypoint.sh"]
