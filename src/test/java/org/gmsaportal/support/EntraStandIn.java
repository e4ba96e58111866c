package org.gmsaportal.support;

import java.util.List;
import java.util.Map;

import org.gmsaportal.support.KeyVaultStandIn.Request;
import org.gmsaportal.support.KeyVaultStandInApi.Answer;

/**
 * The Entra ID side of {@link KeyVaultStandIn}: MSAL's instance discovery and the client-credentials token
 * request, checked for the form fields a confidential client must send for Key Vault's scope.
 */
final class EntraStandIn {

	static final String TOKEN_PATH = "/" + KeyVaultStandIn.TENANT_ID + "/oauth2/v2.0/token";

	private EntraStandIn() {
	}

	static Answer answer(Request request, KeyVaultStandIn standIn) {
		if (request.method().equals("GET") && request.path().endsWith("/discovery/instance")) {
			return discovery();
		}
		if (request.method().equals("POST") && request.path().equals(TOKEN_PATH)) {
			return token(request, standIn);
		}
		standIn.violation("Entra ID: unexpected " + request.method() + " " + request.path());
		return KeyVaultStandInApi.error(404, "NotFound");
	}

	private static Answer token(Request request, KeyVaultStandIn standIn) {
		Map<String, String> form = KeyVaultStandIn.decodeForm(request.body());
		boolean expected = "client_credentials".equals(form.get("grant_type"))
				&& KeyVaultStandIn.CLIENT_ID.equals(form.get("client_id"))
				// MSAL adds OpenID's scopes to the one asked for; Key Vault's must be among them.
				&& List.of(form.getOrDefault("scope", "").split(" ")).contains("https://vault.azure.net/.default")
				&& request.headers().getOrDefault("content-type", "").startsWith("application/x-www-form-urlencoded");
		if (!expected) {
			standIn.violation("Entra ID: unexpected token request " + form.keySet() + " scope " + form.get("scope"));
			return new Answer(400, Map.of(), "{\"error\":\"invalid_request\"}");
		}
		if (!standIn.clientSecret.equals(form.get("client_secret"))) {
			return new Answer(401, Map.of(), "{\"error\":\"invalid_client\",\"error_description\":"
					+ "\"AADSTS7000215: Invalid client secret provided.\",\"error_codes\":[7000215]}");
		}
		return new Answer(200, Map.of(), "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
				+ "\"access_token\":\"" + standIn.issueToken() + "\"}");
	}

	private static Answer discovery() {
		String host = KeyVaultStandIn.LOGIN_HOST;
		return new Answer(200, Map.of(), "{\"tenant_discovery_endpoint\":\"https://" + host + "/"
				+ KeyVaultStandIn.TENANT_ID + "/v2.0/.well-known/openid-configuration\",\"api-version\":\"1.1\","
				+ "\"metadata\":[{\"preferred_network\":\"" + host + "\",\"preferred_cache\":\"login.windows.net\","
				+ "\"aliases\":[\"" + host + "\",\"login.windows.net\",\"login.microsoft.com\"]}]}");
	}

}
