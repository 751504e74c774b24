import IPVSKit
