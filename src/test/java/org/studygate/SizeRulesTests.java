package org.studygate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One job per class, one step per method (docs/architecture.md): no source file of the
 * application is over 350 lines and no method or constructor over 50, the demo data
 * loaders' methods aside (they are lists of data). The sources are parsed with the JDK's
 * own compiler, so a method's length runs from its first annotation to its closing brace.
 */
class SizeRulesTests {

	static final int MAX_FILE_LINES = 350;

	static final int MAX_METHOD_LINES = 50;

	static final Path SOURCES = Path.of("src/main/java");

	static final Path DEMO = SOURCES.resolve("org/studygate/demo");

	static List<Path> files;

	@BeforeAll
	static void sources() throws IOException {
		try (Stream<Path> walk = Files.walk(SOURCES)) {
			files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
		}
		assertThat(files).as("the application's sources").hasSizeGreaterThan(100);
	}

	@Test
	void noSourceFileIsOver350Lines() throws IOException {
		List<String> over = new ArrayList<>();
		for (Path file : files) {
			long lines = Files.readAllLines(file).size();
			if (lines > MAX_FILE_LINES) {
				over.add(file + ": " + lines + " lines");
			}
		}
		assertThat(over).as("source files over %d lines", MAX_FILE_LINES).isEmpty();
	}

	@Test
	void noMethodIsOver50Lines() throws IOException {
		List<String> over = new ArrayList<>();
		for (MethodSize method : methods()) {
			if (method.lines() > MAX_METHOD_LINES && !method.file().startsWith(DEMO)) {
				over.add(method.file() + ":" + method.line() + " " + method.name() + ": " + method.lines() + " lines");
			}
		}
		assertThat(over).as("methods over %d lines", MAX_METHOD_LINES).isEmpty();
	}

	@Test
	void theMeasureSeesLongMethods() throws IOException {
		// the rule can fail: the demo loader has methods over the limit, and they are
		// measured
		assertThat(methods()).anyMatch(m -> m.file().startsWith(DEMO) && m.lines() > MAX_METHOD_LINES);
	}

	record MethodSize(Path file, long line, String name, long lines) {

	}

	static List<MethodSize> methods() throws IOException {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		List<MethodSize> sizes = new ArrayList<>();
		try (StandardJavaFileManager manager = compiler.getStandardFileManager(null, null, null)) {
			Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromPaths(files);
			JavacTask task = (JavacTask) compiler.getTask(null, manager, null, List.of("-proc:none"), null, units);
			SourcePositions positions = Trees.instance(task).getSourcePositions();
			for (CompilationUnitTree unit : task.parse()) {
				Path file = Path.of(unit.getSourceFile().toUri());
				Path relative = Path.of("").toAbsolutePath().relativize(file);
				new TreePathScanner<Void, Void>() {
					@Override
					public Void visitMethod(MethodTree method, Void unused) {
						if (method.getBody() != null) {
							long first = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, method));
							long last = unit.getLineMap().getLineNumber(positions.getEndPosition(unit, method));
							sizes.add(new MethodSize(relative, first, method.getName().toString(), last - first + 1));
						}
						return super.visitMethod(method, unused);
					}
				}.scan(unit, null);
			}
		}
		return sizes;
	}

}
