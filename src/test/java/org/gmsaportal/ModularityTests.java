package org.gmsaportal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.stereotype.Controller;

/**
 * Keeps the module boundaries of DESIGN.md honest: each module uses only the modules its {@code package-info.java}
 * allows and only their public types, the browser side and the machine API stay apart, the front doors reach AD
 * and clusters only through provisioning, and no packages or files import each other round a circle.
 * <p>
 * {@link ModularityRulesTests} proves on crafted modules that the Modulith verification used here fails when a
 * module takes a shortcut.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(GmsaPortalApplication.class);

	/** Production classes only, like Modulith: a test may well reach across modules. */
	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.gmsaportal");

	@Test
	void modulesRespectTheirBoundaries() {
		// Covers: only other modules' APIs are used (no *.internal, no sub-package of another module),
		// every module keeps to its @ApplicationModule(allowedDependencies), and modules form no cycle.
		MODULES.verify();
	}

	@Test
	void theBrowserSideUsesNothingOfTheMachineApi() {
		noClasses().that()
			.resideInAPackage("org.gmsaportal.web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.gmsaportal.api..")
			.because("issue 11: web imports nothing from api")
			.check(CLASSES);
	}

	@Test
	void theMachineApiHoldsNoHtmlController() {
		// beAnnotatedWith matches the direct annotation only, so @RestController (meta-annotated with
		// @Controller) stays allowed.
		noClasses().that()
			.resideInAPackage("org.gmsaportal.api..")
			.should()
			.beAnnotatedWith(Controller.class)
			.because("issue 11: api holds no HTML controller, only @RestController")
			.check(CLASSES);
	}

	@Test
	void frontDoorsReachTheDirectoryAndClustersOnlyThroughProvisioning() {
		// web and api may name the faces' records and exceptions (allowedDependencies lets them), but never call
		// the faces: one way to AD and the clusters, through the engine.
		noClasses().that()
			.resideInAnyPackage("org.gmsaportal.web..", "org.gmsaportal.api..")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.gmsaportal.directory.Directory")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.gmsaportal.cluster.Clusters")
			.because("issue 11: the front doors reach AD and clusters only through provisioning")
			.check(CLASSES);
	}

	@Test
	void packagesFormNoCycle() {
		// Modulith checks cycles between top-level modules only; this also covers the sub-packages of a module
		// (audit and audit.internal, api and api.v1, ...), each package being a node of its own.
		// Not ArchUnit's slices().matching("org.gmsaportal.(**)").should().beFreeOfCycles(): on this code base
		// (ArchUnit 1.4.2) it reports audit <-> audit.internal only and misses api <-> api.v1, which it does report
		// once org.gmsaportal.web is left out of the import.
		assertThat(circles(JavaClass::getPackageName)).as("packages that depend on each other, round a circle")
			.isEmpty();
	}

	@Test
	void sourceFilesFormNoImportCycle() {
		// Issue 11: "no import circle between files". A file is a top-level class with its nested and anonymous
		// classes; an import is a reference to a class of another package. References within a package (a record
		// and its JSON codec using each other, say) need no import and are left alone. Any import circle between
		// files is also a circle between their packages, so packagesFormNoCycle implies this rule; it is kept for the
		// message, which names the files.
		assertThat(circles(ModularityTests::sourceFile)).as("source files that import each other, round a circle")
			.isEmpty();
	}

	/**
	 * The circles (strongly connected sets of more than one node) in the graph whose nodes are what {@code node}
	 * maps production classes to, with an edge wherever a class depends on a class of another package.
	 */
	private static List<Set<String>> circles(Function<JavaClass, String> node) {
		Map<String, Set<String>> edges = new TreeMap<>();
		for (JavaClass origin : CLASSES) {
			for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
				JavaClass target = dependency.getTargetClass();
				if (CLASSES.contain(target.getName()) && !target.getPackageName().equals(origin.getPackageName())) {
					edges.computeIfAbsent(node.apply(origin), from -> new TreeSet<>()).add(node.apply(target));
				}
			}
		}
		return StronglyConnected.components(edges);
	}

	private static String sourceFile(JavaClass javaClass) {
		String name = javaClass.getName();
		int nested = name.indexOf('$');
		return nested < 0 ? name : name.substring(0, nested);
	}

	/** Tarjan's algorithm, keeping only the components that are circles (more than one node). */
	private static final class StronglyConnected {

		private final Map<String, Set<String>> edges;

		private final Map<String, Integer> index = new HashMap<>();

		private final Map<String, Integer> lowLink = new HashMap<>();

		private final Deque<String> stack = new ArrayDeque<>();

		private final List<Set<String>> circles = new ArrayList<>();

		private StronglyConnected(Map<String, Set<String>> edges) {
			this.edges = edges;
		}

		static List<Set<String>> components(Map<String, Set<String>> edges) {
			StronglyConnected search = new StronglyConnected(edges);
			edges.keySet().forEach(node -> {
				if (!search.index.containsKey(node)) {
					search.visit(node);
				}
			});
			return search.circles;
		}

		private void visit(String node) {
			index.put(node, index.size());
			lowLink.put(node, index.get(node));
			stack.push(node);
			for (String next : edges.getOrDefault(node, Set.of())) {
				if (!index.containsKey(next)) {
					visit(next);
					lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
				}
				else if (stack.contains(next)) {
					lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
				}
			}
			if (lowLink.get(node).equals(index.get(node))) {
				Set<String> component = new TreeSet<>();
				String member;
				do {
					member = stack.pop();
					component.add(member);
				}
				while (!member.equals(node));
				if (component.size() > 1) {
					circles.add(component);
				}
			}
		}

	}

	/**
	 * Not a rule: writes each module's direct dependencies, and the types that cause them, to
	 * {@code target/modules.txt}, so {@code @ApplicationModule(allowedDependencies = ...)} can be filled from what
	 * the code does. Modulith's own PlantUML diagram goes to {@code target/spring-modulith-docs}.
	 */
	@Test
	void writesTheModuleDependencyGraph() throws IOException {
		StringBuilder summary = new StringBuilder("# Direct module dependencies (all dependency types)\n");
		StringBuilder details = new StringBuilder("\n# Why: source type -> target type (dependency type)\n");
		for (ApplicationModule module : MODULES) {
			String name = module.getIdentifier().toString();
			var dependencies = module.getDirectDependencies(MODULES);
			String targets = dependencies.uniqueModules()
				.map(target -> target.getIdentifier().toString())
				.sorted()
				.collect(Collectors.joining("\", \""));
			summary.append(name)
				.append(": @ApplicationModule(allowedDependencies = {")
				.append(targets.isEmpty() ? "" : "\"" + targets + "\"")
				.append("})\n");
			details.append('\n').append(name).append('\n');
			// One line per source -> target type pair, with every kind of dependency Modulith saw between them.
			dependencies.stream()
				.collect(Collectors.groupingBy(
						d -> "  -> %s: %s -> %s".formatted(d.getTargetModule().getIdentifier(),
								d.getSourceType().getName(), d.getTargetType().getName()),
						TreeMap::new,
						Collectors.mapping(d -> d.getDependencyType().toString(),
								Collectors.toCollection(TreeSet::new))))
				.forEach((edge, types) -> details.append(edge)
					.append(" (")
					.append(String.join(", ", types))
					.append(")\n"));
		}
		Path out = Path.of("target", "modules.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, summary.append(details));

		new org.springframework.modulith.docs.Documenter(MODULES).writeModulesAsPlantUml();

		assertThat(out).isNotEmptyFile();
	}

}
