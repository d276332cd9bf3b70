package io.edgegw.smpp.pdu;

import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameter.Tag;

/**
 * TLVs as jSMPP's {@code OptionalParameters.deserialize} makes them (the same class per tag, an
 * {@link OptionalParameter.OctetString} for a tag it does not know), with the tag found in a table built once:
 * jSMPP's {@code Tag.valueOf} clones its table of tags ({@code Tag.values()}) for every TLV it decodes, the largest
 * allocation site the profile of the message path had left.
 */
final class Tlvs {
    /** Tag by code, up to the highest code jSMPP knows; null where it knows none. */
    private static final Tag[] BY_CODE = byCode();

    private Tlvs() {
    }

    static Tag tag(short code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    static OptionalParameter deserialize(short code, byte[] content) {
        Tag tag = tag(code);
        if (tag == null) {
            return new OptionalParameter.OctetString(code, content);
        }
        return switch (tag) {
            case DEST_ADDR_SUBUNIT -> new OptionalParameter.Dest_addr_subunit(content);
            case DEST_NETWORK_TYPE -> new OptionalParameter.Dest_network_type(content);
            case DEST_BEARER_TYPE -> new OptionalParameter.Dest_bearer_type(content);
            case DEST_TELEMATICS_ID -> new OptionalParameter.Dest_telematics_id(content);
            case SOURCE_ADDR_SUBUNIT -> new OptionalParameter.Source_addr_subunit(content);
            case SOURCE_NETWORK_TYPE -> new OptionalParameter.Source_network_type(content);
            case SOURCE_BEARER_TYPE -> new OptionalParameter.Source_bearer_type(content);
            case SOURCE_TELEMATICS_ID -> new OptionalParameter.Source_telematics_id(content);
            case QOS_TIME_TO_LIVE -> new OptionalParameter.Qos_time_to_live(content);
            case PAYLOAD_TYPE -> new OptionalParameter.Payload_type(content);
            case ADDITIONAL_STATUS_INFO_TEXT -> new OptionalParameter.Additional_status_info_text(content);
            case RECEIPTED_MESSAGE_ID -> new OptionalParameter.Receipted_message_id(content);
            case MS_MSG_WAIT_FACILITIES -> new OptionalParameter.Ms_msg_wait_facilities(content);
            case PRIVACY_INDICATOR -> new OptionalParameter.Privacy_indicator(content);
            case SOURCE_SUBADDRESS -> new OptionalParameter.Source_subaddress(content);
            case DEST_SUBADDRESS -> new OptionalParameter.Dest_subaddress(content);
            case USER_MESSAGE_REFERENCE -> new OptionalParameter.User_message_reference(content);
            case USER_RESPONSE_CODE -> new OptionalParameter.User_response_code(content);
            case SOURCE_PORT -> new OptionalParameter.Source_port(content);
            case DESTINATION_PORT -> new OptionalParameter.Destination_port(content);
            case SAR_MSG_REF_NUM -> new OptionalParameter.Sar_msg_ref_num(content);
            case LANGUAGE_INDICATOR -> new OptionalParameter.Language_indicator(content);
            case SAR_TOTAL_SEGMENTS -> new OptionalParameter.Sar_total_segments(content);
            case SAR_SEGMENT_SEQNUM -> new OptionalParameter.Sar_segment_seqnum(content);
            case SC_INTERFACE_VERSION -> new OptionalParameter.Sc_interface_version(content);
            case CALLBACK_NUM_PRES_IND -> new OptionalParameter.Callback_num_pres_ind(content);
            case CALLBACK_NUM_ATAG -> new OptionalParameter.Callback_num_atag(content);
            case NUMBER_OF_MESSAGES -> new OptionalParameter.Number_of_messages(content);
            case CALLBACK_NUM -> new OptionalParameter.Callback_num(content);
            case DPF_RESULT -> new OptionalParameter.Dpf_result(content);
            case SET_DPF -> new OptionalParameter.Set_dpf(content);
            case MS_AVAILABILITY_STATUS -> new OptionalParameter.Ms_availability_status(content);
            case NETWORK_ERROR_CODE -> new OptionalParameter.Network_error_code(content);
            case MESSAGE_PAYLOAD -> new OptionalParameter.Message_payload(content);
            case DELIVERY_FAILURE_REASON -> new OptionalParameter.Delivery_failure_reason(content);
            case MORE_MESSAGES_TO_SEND -> new OptionalParameter.More_messages_to_send(content);
            case MESSAGE_STATE -> new OptionalParameter.Message_state(content);
            case CONGESTION_STATE -> new OptionalParameter.Congestion_state(content);
            case USSD_SERVICE_OP -> new OptionalParameter.Ussd_service_op(content);
            case BROADCAST_CHANNEL_INDICATOR -> new OptionalParameter.Broadcast_channel_indicator(content);
            case BROADCAST_CONTENT_TYPE -> new OptionalParameter.Broadcast_content_type(content);
            case BROADCAST_CONTENT_TYPE_INFO -> new OptionalParameter.Broadcast_content_type_info(content);
            case BROADCAST_MESSAGE_CLASS -> new OptionalParameter.Broadcast_message_class(content);
            case BROADCAST_REP_NUM -> new OptionalParameter.Broadcast_rep_num(content);
            case BROADCAST_FREQUENCY_INTERVAL -> new OptionalParameter.Broadcast_frequency_interval(content);
            case BROADCAST_AREA_IDENTIFIER -> new OptionalParameter.Broadcast_area_identifier(content);
            case BROADCAST_ERROR_STATUS -> new OptionalParameter.Broadcast_error_status(content);
            case BROADCAST_AREA_SUCCESS -> new OptionalParameter.Broadcast_area_success(content);
            case BROADCAST_END_TIME -> new OptionalParameter.Broadcast_end_time(content);
            case BROADCAST_SERVICE_GROUP -> new OptionalParameter.Broadcast_service_group(content);
            case BILLING_IDENTIFICATION -> new OptionalParameter.Billing_identification(content);
            case SOURCE_NETWORK_ID -> new OptionalParameter.Source_network_id(content);
            case DEST_NETWORK_ID -> new OptionalParameter.Dest_network_id(content);
            case SOURCE_NODE_ID -> new OptionalParameter.Source_node_id(content);
            case DEST_NODE_ID -> new OptionalParameter.Dest_node_id(content);
            case DEST_ADDR_NP_RESOLUTION -> new OptionalParameter.Dest_addr_np_resolution(content);
            case DEST_ADDR_NP_INFORMATION -> new OptionalParameter.Dest_addr_np_information(content);
            case DEST_ADDR_NP_COUNTRY -> new OptionalParameter.Dest_addr_np_country(content);
            case DISPLAY_TIME -> new OptionalParameter.Display_time(content);
            case SMS_SIGNAL -> new OptionalParameter.Sms_signal(content);
            case MS_VALIDITY -> new OptionalParameter.Ms_validity(content);
            case ALERT_ON_MESSAGE_DELIVERY -> new OptionalParameter.Alert_on_message_delivery(content);
            case ITS_REPLY_TYPE -> new OptionalParameter.Its_reply_type(content);
            case ITS_SESSION_INFO -> new OptionalParameter.Its_session_info(content);
            case VENDOR_SPECIFIC_SOURCE_MSC_ADDR -> new OptionalParameter.Vendor_specific_source_msc_addr(content);
            case VENDOR_SPECIFIC_DEST_MSC_ADDR -> new OptionalParameter.Vendor_specific_dest_msc_addr(content);
        };
    }

    private static Tag[] byCode() {
        int max = 0;
        for (Tag t : Tag.values()) {
            max = Math.max(max, t.code());
        }
        Tag[] table = new Tag[max + 1];
        for (Tag t : Tag.values()) {
            if (t.code() >= 0 && table[t.code()] == null) { // the first of a code, as Tag.valueOf finds it
                table[t.code()] = t;
            }
        }
        return table;
    }
}
